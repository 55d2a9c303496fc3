import { readHubResult } from '../../api/hub-result';
import { problemMessage } from '../../api/error-messages';
import { addDaysIso, addMonthsIso, todayIso, ukDateOf } from '../../format/dates';
import { askOwnerPath } from './ask-owner';
import {
  askableFields,
  coordinateLabel,
  decisionFields,
  defaultUntil,
  disclosureChoices,
  partStatusText,
  validateDecision,
  validateRequestForm,
  type RequestFormInput,
} from './request-logic';

const form = (change: Partial<RequestFormInput> = {}): RequestFormInput => ({
  subjectId: 'SUBJ-000003',
  owner: 'nhs',
  fields: ['HealthRecord.attendances'],
  lawfulBasis: 'DPA_2018_SCH2_PARA2',
  caseRef: 'WMP/OP-KESTREL/2026/17',
  reason: 'Operation Kestrel: when the victim was seen by health services.',
  tippingOffRisk: true,
  tippingOffReason: 'The suspects control her phone.',
  declarationAccepted: true,
  declarationName: 'DS Jane Hollis',
  declarationRole: 'Detective Sergeant',
  ...change,
});

describe('information requests in the console', () => {
  it('offers a whole withheld record as its parts, and an asked field as its sub-fields to narrow', () => {
    const offered = askableFields(['Person.health']);
    expect(offered).toEqual(
      expect.arrayContaining(['HealthRecord.nhsNumber', 'HealthRecord.attendances', 'HealthRecord.safeguardingFlags']),
    );
    expect(offered).not.toContain('Person.health');
    expect(askableFields(['Attendance.site'])).toEqual(['Attendance.site']);
    expect(disclosureChoices(['HealthRecord.attendances'])).toEqual([
      'Attendance.attendedOn',
      'Attendance.site',
      'Attendance.kind',
      'Attendance.exploitationIndicators',
      'Attendance.clinicalNotes',
    ]);
    expect(disclosureChoices(['HealthRecord.nhsNumber'])).toEqual(['HealthRecord.nhsNumber']);
  });

  it('sends every field asked for as "all" and a narrower choice as those fields', () => {
    const asked = ['HealthRecord.attendances'];
    expect(decisionFields(asked, disclosureChoices(asked))).toBeNull();
    expect(decisionFields(asked, ['Attendance.site', 'Attendance.attendedOn'])).toEqual(['Attendance.attendedOn', 'Attendance.site']);
  });

  it('labels coordinates in words', () => {
    expect(coordinateLabel('HealthRecord.attendances')).toBe('Attendances');
    expect(coordinateLabel('Attendance.site')).toBe('Attendance › Site');
    expect(coordinateLabel('HealthRecord.nhsNumber')).toBe('NHS number');
  });

  it('links "Ask the owner" to the prefilled form', () => {
    const path = askOwnerPath('SUBJ-000003', 'nhs', ['Person.health']);
    const query = new URLSearchParams(path.split('?')[1]);
    expect(path.startsWith('/requests/new?')).toBe(true);
    expect(Object.fromEntries(query)).toEqual({ subject: 'SUBJ-000003', owner: 'nhs', fields: 'Person.health' });
  });

  it('checks the Appendix 2 form before sending, in words', () => {
    expect(validateRequestForm(form())).toEqual({});
    const errors = validateRequestForm(
      form({
        subjectId: 'x',
        fields: [],
        lawfulBasis: '',
        caseRef: 'a b',
        reason: 'too short',
        tippingOffReason: 'no',
        declarationAccepted: false,
        declarationName: ' ',
        declarationRole: '',
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(
      [
        'caseRef',
        'declarationAccepted',
        'declarationName',
        'declarationRole',
        'fields',
        'lawfulBasis',
        'reason',
        'subjectId',
        'tippingOffReason',
      ].sort(),
    );
    expect(errors.declarationAccepted).toMatch(/necessary and proportionate/);
    // No tipping-off reason is needed when the flag is off.
    expect(validateRequestForm(form({ tippingOffRisk: false, tippingOffReason: '' }))).toEqual({});
  });

  it('says each part’s status in words: pending, disclosed until when, declined with the reason, expired, withdrawn', () => {
    expect(partStatusText({ owner: 'nhs', status: 'PENDING' })).toBe('Pending: Birmingham and Solihull NHS has not answered yet');
    expect(
      partStatusText({
        owner: 'nhs',
        status: 'DISCLOSED',
        disclosedFields: ['Attendance.attendedOn', 'Attendance.site'],
        expiresAt: '2026-12-28T23:59:59.999Z',
      }),
    ).toBe('Disclosed until 28/12/2026: Attendance › Attended on, Attendance › Site');
    expect(partStatusText({ owner: 'nhs', status: 'DECLINED', reason: 'Not proportionate' })).toBe('Declined: Not proportionate');
    expect(partStatusText({ owner: 'nhs', status: 'NOTHING_HELD' })).toBe('Nothing held');
    expect(partStatusText({ owner: 'nhs', status: 'EXPIRED', expiresAt: '2026-06-30T22:59:59.999Z' })).toBe(
      'Expired on 30/06/2026: the disclosure has ended',
    );
    expect(partStatusText({ owner: 'nhs', status: 'WITHDRAWN' })).toBe('Withdrawn by the requester');
  });

  it('checks a decision: an answer, a field, an end within a year (28 days by default), a reason to decline', () => {
    const today = '2026-11-30';
    expect(defaultUntil(today)).toBe('28/12/2026');
    expect(validateDecision({ outcome: '', chosen: [], until: '', reason: '' }, today).errors.outcome).toMatch(/Choose your answer/);
    expect(validateDecision({ outcome: 'DISCLOSE', chosen: ['Attendance.site'], until: '28/12/2026', reason: '' }, today)).toEqual({
      errors: {},
      expiresOn: '2026-12-28',
    });
    expect(validateDecision({ outcome: 'DISCLOSE', chosen: [], until: '30/11/2026', reason: '' }, today).errors).toEqual({
      chosen: expect.stringMatching(/at least one field/),
      until: expect.stringMatching(/after today/),
    });
    expect(validateDecision({ outcome: 'DISCLOSE', chosen: ['x'], until: '31/02/2027', reason: '' }, today).errors.until).toMatch(
      /dd\/mm\/yyyy/,
    );
    expect(validateDecision({ outcome: 'DECLINE', chosen: [], until: '', reason: ' ' }, today).errors.reason).toMatch(/why/);
    expect(validateDecision({ outcome: 'NOTHING_HELD', chosen: [], until: '', reason: '' }, today).errors).toEqual({});
  });

  it('reads the remedy of a withheld part, and says a conflict in words', () => {
    const hub = readHubResult({
      error: {
        graphQLErrors: [
          {
            message: 'Withheld',
            path: ['person', 'health'],
            extensions: { code: 'FORBIDDEN', rule: 'no-matching-rule', reason: 'r', remedy: { kind: 'REQUEST_FROM_OWNER', owner: 'nhs' } },
          },
        ],
      },
    });
    expect(hub.withheld[0]!.remedy).toEqual({ kind: 'REQUEST_FROM_OWNER', owner: 'nhs' });
    expect(problemMessage({ code: 'CONFLICT', message: 'already decided by nhs.disclosure', subgraph: null })).toEqual({
      title: 'Someone else acted on this first',
      detail: 'Already decided by nhs.disclosure. What is shown now is how it stands.',
      action: 'none',
    });
  });

  it('counts UK days', () => {
    expect(addDaysIso('2026-12-20', 28)).toBe('2027-01-17');
    expect(addMonthsIso('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsIso('2026-11-30', 12)).toBe('2027-11-30');
    expect(todayIso(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(ukDateOf('2026-06-30T23:30:00Z')).toBe('01/07/2026');
  });
});
