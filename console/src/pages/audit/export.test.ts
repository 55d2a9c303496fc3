import { ukDate, ukDateTime, parseUkDate } from '../../format/dates';
import type { DisclosureFieldsFragment } from '../../gql/graphql';
import { EXPORT_COLUMNS, toCsv, toJsonl } from './export';
import { filterFromForm } from './audit-page';

const record: DisclosureFieldsFragment = {
  id: 'w:1',
  occurredAt: '2026-11-29T22:21:23.404Z',
  requestId: 'r',
  operationName: 'SubjectOneView',
  operationHash: 'h',
  requesterId: 'la.safeguarding',
  requesterOrg: 'birmingham-city-council',
  requesterRoles: ['SAFEGUARDING_LEAD'],
  purpose: 'IDENTIFY_VICTIMS',
  lawfulBases: [],
  caseRef: 'BCC/MSHT/2026/0042',
  agreements: ['isa-msht-wm@1'],
  rules: ['R2-police-identity', 'R6-health'],
  owner: 'nhs',
  subjectType: 'Person',
  subjectId: 'SUBJ-000001',
  fieldsDisclosed: ['Attendance.site'],
  fieldsWithheld: [{ field: 'Attendance.clinicalNotes', rule: 'R6', reason: 'not a child, "quoted"' }],
  hash: 'x',
};

describe('the log export and filters', () => {
  it('writes JSON Lines of the records as the API gave them, and RFC 4180 CSV', () => {
    expect(JSON.parse(toJsonl([record]).trim())).toEqual(record);
    expect(toJsonl([])).toBe('');
    const [header, row] = toCsv([record]).split('\r\n');
    expect(header).toBe(EXPORT_COLUMNS.join(','));
    expect(row).toContain('R2-police-identity;R6-health');
    expect(row).toContain('"[{""field"":""Attendance.clinicalNotes"",""rule"":""R6"",""reason"":""not a child, \\""quoted\\""""}]"');
  });

  it('reads UK dates into the filter, the end date inclusive', () => {
    const { filter, errors } = filterFromForm({
      subjectId: 'subj-000001',
      requesterId: '',
      requesterOrg: '',
      owner: 'nhs',
      agreement: '',
      purpose: 'IDENTIFY_VICTIMS',
      lawfulBasis: '',
      from: '01/11/2026',
      to: '29/11/2026',
    });
    expect(errors).toEqual({});
    expect(filter).toEqual({
      subjectId: 'SUBJ-000001',
      owner: 'nhs',
      purpose: 'IDENTIFY_VICTIMS',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-30T00:00:00.000Z',
    });
    expect(
      filterFromForm({
        subjectId: '',
        requesterId: '',
        requesterOrg: '',
        owner: '',
        agreement: '',
        purpose: '',
        lawfulBasis: '',
        from: '31/02/2026',
        to: '',
      }).errors.from,
    ).toMatch(/29\/11\/2026/);
  });

  it('shows dates in UK format', () => {
    expect(ukDate('2026-05-11')).toBe('11/05/2026');
    expect(ukDateTime('2026-07-01T12:30:00.000Z')).toBe('01/07/2026, 13:30:00');
    expect(parseUkDate('1/2/2026')).toBe('2026-02-01');
    expect(parseUkDate('30/02/2026')).toBeNull();
  });
});
