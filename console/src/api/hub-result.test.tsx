import { renderToStaticMarkup } from 'react-dom/server';
import { RecordView } from '../components/record-view';
import { ProblemList } from '../components/status';
import { problemMessage, signInRefusal } from './error-messages';
import { coordinateOf, readHubResult } from './hub-result';
import { conditionsText, noticeText } from './notice-text';

const forbidden = (path: (string | number)[], rule: string, reason = 'because') => ({
  message: `Withheld: ${reason}`,
  path,
  extensions: { code: 'FORBIDDEN', rule, agreement: 'isa-msht-wm@1', reason },
});

describe('reading a hub response', () => {
  it('turns FORBIDDEN fields into withheld parts with their schema coordinate, once per field', () => {
    const hub = readHubResult({
      error: {
        graphQLErrors: [
          forbidden(['person', 'health', 'attendances', 0, 'clinicalNotes'], 'R6-clinical-notes-child-safeguarding'),
          forbidden(['person', 'health', 'attendances', 1, 'clinicalNotes'], 'R6-clinical-notes-child-safeguarding'),
          forbidden(['person', 'police'], 'R12-agreement-not-in-force', 'suspended by West Midlands Police'),
        ],
      },
      extensions: {
        requestId: 'r1',
        handling: { marking: 'OFFICIAL-SENSITIVE', onwardDisclosure: ['No onward disclosure without …'] },
        disclosure: { writerId: 'w', commitment: 'abc' },
      },
    });
    expect(hub.withheld).toEqual([
      {
        at: 'person.health.attendances.clinicalNotes',
        coordinate: 'Attendance.clinicalNotes',
        rule: 'R6-clinical-notes-child-safeguarding',
        agreement: 'isa-msht-wm@1',
        reason: 'because',
        needed: null,
        occurrences: 2,
      },
      expect.objectContaining({ at: 'person.police', coordinate: 'Person.police', rule: 'R12-agreement-not-in-force' }),
    ]);
    expect(hub.problems).toEqual([]);
    expect(hub.handling).toEqual({ marking: 'OFFICIAL-SENSITIVE', onwardDisclosure: ['No onward disclosure without …'], conditions: [] });
    expect(hub.receipt).toEqual({ writerId: 'w', commitment: 'abc' });
    expect(hub.requestId).toBe('r1');
  });

  it('reads record-dependent rules from extensions.policyNotices (the documented shape)', () => {
    const hub = readHubResult({
      extensions: {
        policyNotices: [
          {
            at: 'person.police.currentAddress',
            rule: 'R8-restricted-address',
            agreement: 'isa-msht-wm@1',
            effect: 'deny',
            conditions: ['addressRestricted'],
            reason: 'A restricted address …',
          },
          { nonsense: true },
        ],
      },
    });
    expect(hub.notices).toEqual([
      {
        at: 'person.police.currentAddress',
        rule: 'R8-restricted-address',
        agreement: 'isa-msht-wm@1',
        effect: 'deny',
        conditions: ['addressRestricted'],
        reason: 'A restricted address …',
      },
    ]);
    expect(hub.withheld).toEqual([]);
  });

  it('keeps refusals of the whole request, failures and a partner down as problems', () => {
    const hub = readHubResult({
      error: {
        graphQLErrors: [
          { message: 'the disclosure log is read for the purpose AUDIT', path: ['disclosures'], extensions: { code: 'FORBIDDEN' } },
          {
            message: 'The nhs service did not answer',
            path: ['person', 'health'],
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'nhs' },
          },
          { message: 'log down', extensions: { code: 'AUDIT_UNAVAILABLE' } },
        ],
      },
    });
    expect(hub.problems.map((p) => [p.code, p.subgraph, p.at])).toEqual([
      ['FORBIDDEN', null, 'disclosures'],
      ['SUBGRAPH_UNAVAILABLE', 'nhs', 'person.health'],
      ['AUDIT_UNAVAILABLE', null, null],
    ]);
    expect(readHubResult({ error: { graphQLErrors: [], networkError: new Error('Failed to fetch') } }).problems[0]!.code).toBe('NETWORK');
  });

  it('walks response paths to schema coordinates through the API schema', () => {
    expect(coordinateOf('location.linkedPersons')).toBe('Location.linkedPersons');
    expect(coordinateOf('person.localAuthority.housing.address.uprn')).toBe('Address.uprn');
    expect(coordinateOf('nothing.here')).toBeNull();
  });
});

describe('error messages', () => {
  it.each([
    'UNAUTHENTICATED',
    'FORBIDDEN',
    'AUDIT_UNAVAILABLE',
    'SERVICE_UNAVAILABLE',
    'SUBGRAPH_UNAVAILABLE',
    'BAD_USER_INPUT',
    'NETWORK',
    'INTERNAL_SERVER_ERROR',
  ])('say clearly what %s means and what to do', (code) => {
    const message = problemMessage({ code, message: 'the hub said so', subgraph: 'nhs' });
    expect(message.title.length).toBeGreaterThan(10);
    expect(message.detail.length).toBeGreaterThan(10);
  });

  it('name the partner that is down, ask to sign in again, and say nothing was sent when the log is down', () => {
    expect(problemMessage({ code: 'SUBGRAPH_UNAVAILABLE', message: '', subgraph: 'nhs' }).title).toBe(
      'Birmingham and Solihull NHS is not answering',
    );
    expect(problemMessage({ code: 'UNAUTHENTICATED', message: '', subgraph: null }).action).toBe('sign-in');
    expect(problemMessage({ code: 'AUDIT_UNAVAILABLE', message: '', subgraph: null }).detail).toMatch(/Nothing personal was sent/);
    expect(problemMessage({ code: 'FORBIDDEN', message: 'Withheld: only auditors', subgraph: null }).detail).toBe('only auditors');
  });

  it('say why the hub refused a sign-in, in its own words', () => {
    const roles = signInRefusal(`token claim "roles" disagrees with the hub's registry for this user`);
    expect(roles).toMatch(/^Token claim "roles" disagrees with the hub's registry for this user\. /);
    expect(roles).toMatch(/representative/);
    expect(signInRefusal('token has expired')).toBe('Token has expired. Sign in again.');
    expect(problemMessage({ code: 'UNAUTHENTICATED', message: 'token issuer is not trusted by the hub', subgraph: null }).detail).toMatch(
      /^Token issuer is not trusted by the hub\./,
    );
    expect(problemMessage({ code: 'BAD_USER_INPUT', message: '2026-Q4 has not ended yet', subgraph: null }).detail).toBe(
      '2026-Q4 has not ended yet.',
    );
  });

  it('render as an alert with the code and the request id', () => {
    const html = renderToStaticMarkup(
      <ProblemList
        problems={[{ code: 'SERVICE_UNAVAILABLE', message: 'x', subgraph: null, at: null, rule: null }]}
        requestId="req-9"
        onRetry={() => {}}
      />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('The hub cannot check approvals right now');
    expect(html).toContain('req-9');
    expect(html).toContain('Try again');
    const internal = renderToStaticMarkup(
      <ProblemList
        problems={[
          {
            code: 'INTERNAL_SERVER_ERROR',
            message: 'Internal error (incident ab12)',
            subgraph: null,
            at: null,
            rule: null,
            incident: 'ab12',
          },
        ]}
      />,
    );
    expect(internal).toContain('incident <code>ab12</code>');
  });
});

describe('a record with rules decided on each record', () => {
  const clinicalNotes = {
    at: 'person.health.attendances.clinicalNotes',
    rule: 'R6-clinical-notes-child-safeguarding',
    agreement: 'isa-msht-wm@1',
    effect: 'allow' as const,
    conditions: ['subjectIsChild', 'subjectUnderSection47Enquiry'],
    reason: 'Clinical notes go to council safeguarding leads only for a child …',
  };
  const restrictedAddress = {
    at: 'person.police.currentAddress',
    rule: 'R8-restricted-address',
    agreement: 'isa-msht-wm@1',
    effect: 'deny' as const,
    conditions: ['addressRestricted'],
    reason: 'A restricted address goes only to police investigators and council safeguarding leads.',
  };
  const text = (html: string) => html.replace(/<[^>]*>/g, '');

  it('says at the field what the rule is ("Not shown unless: …"), linked to the rule, never that anything was withheld', () => {
    const html = renderToStaticMarkup(
      <RecordView
        value={{ attendances: [{ site: 'Lozells Medical Practice', clinicalNotes: null }] }}
        at="person.health"
        withheld={[]}
        notices={[clinicalNotes]}
      />,
    );
    expect(text(html)).toContain('Not shown unless: the subject is a child and under a s47 enquiry — R6-clinical-notes-child-safeguarding');
    expect(html).toContain('href="#notice-person-health-attendances-clinicalNotes"');
    expect(html).not.toMatch(/withheld/i);
  });

  it('says the same of the rule whether or not the record has a value there', () => {
    const render = (currentAddress: unknown) =>
      text(renderToStaticMarkup(<RecordView value={{ currentAddress }} at="person.police" withheld={[]} notices={[restrictedAddress]} />));
    const absent = render(null);
    const present = render({ line1: '14 Lozells Road', postcode: 'B19 2TJ' });
    const rule = 'Not shown if: the address is restricted (a safe house) — R8-restricted-address';
    expect(absent).toContain(rule);
    expect(present).toContain(rule);
    expect(present).toContain('14 Lozells Road');
    for (const html of [absent, present]) expect(html).not.toMatch(/withheld/i);
  });

  it('names the rules below a part that is not there', () => {
    const html = renderToStaticMarkup(
      <RecordView
        value={{ housing: null }}
        at="person.localAuthority"
        withheld={[]}
        notices={[{ ...restrictedAddress, at: 'person.localAuthority.housing.address' }]}
      />,
    );
    expect(text(html)).toContain('None shown.Address: Not shown if: the address is restricted (a safe house) — R8-restricted-address');
  });

  it('keeps a value withheld before execution as "Withheld", its rule and reason, in place', () => {
    const html = renderToStaticMarkup(
      <RecordView
        value={{ pncId: null, names: [{ fullName: 'Tomasz Nowak', kind: null }] }}
        at="person.police"
        withheld={[
          {
            at: 'person.police.pncId',
            coordinate: 'PoliceRecord.pncId',
            rule: 'no-matching-rule',
            agreement: null,
            reason: 'no agreement in force shares PoliceRecord.pncId with you',
            needed: null,
            occurrences: 1,
          },
          {
            at: 'person.police.names.kind',
            coordinate: 'PersonName.kind',
            rule: 'no-matching-rule',
            agreement: null,
            reason: 'no agreement in force shares PersonName.kind with you',
            needed: null,
            occurrences: 1,
          },
        ]}
      />,
    );
    expect(text(html)).toContain('Withheld — no-matching-rule: no agreement in force shares PoliceRecord.pncId with you');
    // A column withheld in every row says so once, in its header, and each cell says "Withheld".
    expect(html).toMatch(
      /<th scope="col">Kind<span class="th-note"><span class="withheld-inline"[^>]*><span class="badge badge-withheld">Withheld/,
    );
    expect(html).toContain('<td data-field="person.police.names.kind"><span class="badge badge-withheld">Withheld</span></td>');
  });
});

describe('rules in words', () => {
  it('joins conditions about the same thing, and says when a rule is decided entry by entry', () => {
    expect(conditionsText(['subjectIsChild', 'subjectUnderSection47Enquiry'])).toBe('the subject is a child and under a s47 enquiry');
    expect(noticeText({ effect: 'allow', conditions: ['handlingCodePermitsSharing'] })).toBe(
      'An entry is not shown unless: the report’s handling code permits sharing (P, or C with conditions)',
    );
    expect(noticeText({ effect: 'deny', conditions: ['addressRestricted'] })).toBe(
      'Not shown if: the address is restricted (a safe house)',
    );
    expect(noticeText({ effect: 'allow', conditions: ['subjectHasNewThing'] })).toBe('Not shown unless: subject has new thing');
    expect(noticeText({ effect: 'allow', conditions: [] })).toBe('Not shown unless: its conditions hold');
  });
});
