import { renderToStaticMarkup } from 'react-dom/server';
import { RecordView } from '../components/record-view';
import { ProblemList } from '../components/status';
import { problemMessage, signInRefusal } from './error-messages';
import { coordinateOf, readHubResult } from './hub-result';

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
        disclosure: { writerId: 'w', fromSeq: 3, toSeq: 6, hash: 'abc' },
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
    expect(hub.receipt).toEqual({ writerId: 'w', fromSeq: 3, toSeq: 6, hash: 'abc' });
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
      <ProblemList problems={[{ code: 'INTERNAL_SERVER_ERROR', message: 'Internal error (incident ab12)', subgraph: null, at: null, rule: null, incident: 'ab12' }]} />,
    );
    expect(internal).toContain('incident <code>ab12</code>');
  });
});

describe('a record with rules decided on each record', () => {
  it('reads a missing value there as "not shown", naming the rule, never as withheld or absent', () => {
    const html = renderToStaticMarkup(
      <RecordView
        value={{ attendances: [{ site: 'Lozells Medical Practice', clinicalNotes: null }] }}
        at="person.health"
        withheld={[]}
        notices={[
          {
            at: 'person.health.attendances.clinicalNotes',
            rule: 'R6-clinical-notes-child-safeguarding',
            agreement: 'isa-msht-wm@1',
            effect: 'allow',
            conditions: ['subjectIsChild', 'subjectUnderSection47Enquiry'],
            reason: 'Clinical notes go to council safeguarding leads only for a child …',
          },
        ]}
      />,
    );
    expect(html).toContain('Not shown');
    expect(html).toContain('href="#notice-person-health-attendances-clinicalNotes"');
    expect(html).toContain('R6-clinical-notes-child-safeguarding');
    expect(html).not.toContain('Withheld');
  });
});
