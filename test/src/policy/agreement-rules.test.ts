import type { Purpose } from '@hub/shared';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * The default agreement (docs/agreement.md, rules 1–12) end to end: real tokens, real subgraphs, real
 * PostgreSQL. Each row: who asks, for what purpose, about which fixed subject, for which field,
 * and either `shown` (a non-null value reaches them), the rule that withholds it before execution
 * (a FORBIDDEN error naming it), or the rule that withholds it quietly on record data
 * (docs/policy.md §5: the value looks absent, no error says why, and a notice names the rule
 * whatever the data).
 */
interface Row {
  as: string;
  purpose?: Purpose;
  subject: string;
  /** A selection under `person(id)`, e.g. `police { currentAddress { uprn } }`. */
  ask: string;
  /** The path of the value under `person`. */
  at: string[];
  /** `told`: withheld on its record by a deny the agreement signposts (docs/policy.md §5). */
  expect: 'shown' | { rule: string } | { quietly: string } | { told: string };
}

const ROWS: Row[] = [
  // Rule 1: own records, with need-to-know inside the partner.
  { as: 'police.analyst', subject: 'SUBJ-000004', ask: 'police { orders { type } }', at: ['police', 'orders'], expect: 'shown' },
  {
    as: 'nhs.safeguarding',
    subject: 'SUBJ-000001',
    ask: 'health { attendances { clinicalNotes } }',
    at: ['health', 'attendances'],
    expect: 'shown',
  },
  {
    as: 'la.housing',
    subject: 'SUBJ-000001',
    ask: 'localAuthority { housing { tenure } }',
    at: ['localAuthority', 'housing'],
    expect: 'shown',
  },
  {
    as: 'la.housing',
    purpose: 'IDENTIFY_VICTIMS',
    subject: 'SUBJ-000002',
    ask: 'localAuthority { childrenSocialCare { status } }',
    at: ['localAuthority'],
    expect: { rule: 'no-matching-rule' },
  },
  { as: 'ngo.caseworker', subject: 'SUBJ-000001', ask: 'support { provider }', at: ['support', '0', 'provider'], expect: 'shown' },

  // Approval (ISA 6.4): a valid token without approval gets no personal data.
  {
    as: 'police.unapproved',
    subject: 'SUBJ-000001',
    ask: 'police { names { fullName } }',
    at: ['police'],
    expect: { rule: 'ISA-6.4-approval' },
  },
  { as: 'police.unapproved', subject: 'SUBJ-000004', ask: 'police { pncId }', at: ['police'], expect: { rule: 'ISA-6.4-approval' } },
  {
    as: 'la.housing',
    purpose: 'SAFEGUARDING_REFERRAL',
    subject: 'SUBJ-000001',
    ask: 'localAuthority { housing { tenure } }',
    at: ['localAuthority'],
    expect: { rule: 'ISA-6.4-approved-purposes' },
  },

  // Rule 2: police identity to council and NHS safeguarding leads, for three purposes.
  { as: 'la.safeguarding', subject: 'SUBJ-000001', ask: 'police { names { fullName } }', at: ['police', 'names'], expect: 'shown' },
  { as: 'nhs.safeguarding', subject: 'SUBJ-000001', ask: 'police { pvotMarker }', at: ['police', 'pvotMarker'], expect: 'shown' },
  {
    as: 'la.safeguarding',
    purpose: 'RISK_ASSESSMENT',
    subject: 'SUBJ-000001',
    ask: 'police { names { fullName } }',
    at: ['police'],
    expect: { rule: 'R2-police-identity' },
  },
  { as: 'la.housing', subject: 'SUBJ-000001', ask: 'police { names { fullName } }', at: ['police'], expect: { rule: 'no-matching-rule' } },
  { as: 'la.safeguarding', subject: 'SUBJ-000001', ask: 'police { pncId }', at: ['police'], expect: { rule: 'no-matching-rule' } },

  // Rule 3: intelligence to council safeguarding leads (P, or C with conditions); never to charities.
  {
    as: 'la.safeguarding',
    subject: 'SUBJ-000002',
    ask: 'police { intelligence { summary handlingCode } }',
    at: ['police', 'intelligence', '0', 'summary'],
    expect: 'shown',
  },
  {
    as: 'nhs.safeguarding',
    subject: 'SUBJ-000001',
    ask: 'police { intelligence { summary } }',
    at: ['police'],
    expect: { rule: 'no-matching-rule' },
  },
  {
    as: 'ngo.caseworker',
    subject: 'SUBJ-000001',
    ask: 'police { intelligence { summary } }',
    at: ['police'],
    expect: { rule: 'R3-never-to-charities' },
  },
  {
    as: 'ngo.caseworker',
    subject: 'SUBJ-000004',
    ask: 'police { roles { role } }',
    at: ['police'],
    expect: { rule: 'R3-never-to-charities' },
  },
  {
    as: 'ngo.caseworker',
    subject: 'SUBJ-000004',
    ask: 'police { orders { type } }',
    at: ['police'],
    expect: { rule: 'R3-never-to-charities' },
  },

  // Rule 4: NRM status to a charity only where the subject's consent names it (SUBJ-000001's names the council only).
  {
    as: 'ngo.caseworker',
    subject: 'SUBJ-000001',
    ask: 'police { nrmReferrals { reasonableGrounds } }',
    at: ['police'],
    expect: { quietly: 'R4-nrm-status-with-consent' },
  },

  // Rule 5: council housing to police; children's social care to police and NHS only for a child.
  {
    as: 'police.investigator',
    purpose: 'CRIMINAL_ACTIVITY',
    subject: 'SUBJ-000001',
    ask: 'localAuthority { housing { address { uprn } } }',
    at: ['localAuthority', 'housing', 'address', 'uprn'],
    expect: 'shown',
  },
  {
    as: 'nhs.safeguarding',
    purpose: 'SAFEGUARDING_REFERRAL',
    subject: 'SUBJ-000002',
    ask: 'localAuthority { childrenSocialCare { section47Enquiry } }',
    at: ['localAuthority', 'childrenSocialCare', 'section47Enquiry'],
    expect: 'shown',
  },
  {
    as: 'nhs.safeguarding',
    purpose: 'SAFEGUARDING_REFERRAL',
    subject: 'SUBJ-000001',
    ask: 'localAuthority { childrenSocialCare { section47Enquiry } }',
    at: ['localAuthority'],
    expect: { quietly: 'R5-childrens-social-care-nhs' },
  },
  {
    as: 'police.investigator',
    purpose: 'COORDINATED_RESPONSE',
    subject: 'SUBJ-000002',
    ask: 'localAuthority { childrenSocialCare { status } }',
    at: ['localAuthority', 'childrenSocialCare', 'status'],
    expect: 'shown',
  },
  {
    as: 'ngo.caseworker',
    subject: 'SUBJ-000002',
    ask: 'localAuthority { childrenSocialCare { status } }',
    at: ['localAuthority'],
    expect: { rule: 'no-matching-rule' },
  },

  // Rule 6: NHS flags and attendance dates/sites to police investigators and council leads; notes never to police.
  {
    as: 'police.investigator',
    subject: 'SUBJ-000001',
    ask: 'health { attendances { attendedOn site } }',
    at: ['health', 'attendances', '0', 'site'],
    expect: 'shown',
  },
  {
    as: 'police.analyst',
    subject: 'SUBJ-000001',
    ask: 'health { attendances { site } }',
    at: ['health'],
    expect: { rule: 'no-matching-rule' },
  },
  {
    as: 'la.safeguarding',
    subject: 'SUBJ-000001',
    ask: 'health { safeguardingFlags { kind } }',
    at: ['health', 'safeguardingFlags'],
    expect: 'shown',
  },
  // Asked alone, the notes take their (empty) containers with them: nothing shows a record exists.
  {
    as: 'police.investigator',
    subject: 'SUBJ-000001',
    ask: 'health { attendances { clinicalNotes } }',
    at: ['health'],
    expect: { rule: 'R6-clinical-notes-never-leave' },
  },
  {
    as: 'police.investigator',
    subject: 'SUBJ-000002',
    ask: 'health { attendances { site clinicalNotes } }',
    at: ['health', 'attendances', '0', 'clinicalNotes'],
    expect: { rule: 'R6-clinical-notes-never-leave' },
  },
  {
    as: 'police.analyst',
    subject: 'SUBJ-000003',
    ask: 'health { attendances { clinicalNotes } }',
    at: ['health'],
    expect: { rule: 'R6-clinical-notes-never-leave' },
  },
  {
    as: 'la.safeguarding',
    purpose: 'SAFEGUARDING_REFERRAL',
    subject: 'SUBJ-000002',
    ask: 'health { attendances { clinicalNotes } }',
    at: ['health', 'attendances', '0', 'clinicalNotes'],
    expect: 'shown',
  },
  {
    as: 'la.safeguarding',
    purpose: 'SAFEGUARDING_REFERRAL',
    subject: 'SUBJ-000001',
    ask: 'health { attendances { attendedOn clinicalNotes } }',
    // attendedOn is not shared for SAFEGUARDING_REFERRAL, and the notes are not for an adult:
    // nothing is left, so the NHS record looks as if there were none.
    at: ['health'],
    expect: { quietly: 'R6-clinical-notes-child-safeguarding' },
  },

  // Rule 7: charity data only within consent; a child's to council safeguarding leads.
  { as: 'la.safeguarding', subject: 'SUBJ-000001', ask: 'support { provider }', at: ['support', '0', 'provider'], expect: 'shown' },
  {
    as: 'la.safeguarding',
    purpose: 'SAFEGUARDING_REFERRAL',
    subject: 'SUBJ-000002',
    ask: 'support { provider }',
    at: ['support', '0', 'provider'],
    expect: 'shown',
  },

  // Rule 8: a restricted address reaches police investigators and council safeguarding leads only;
  // whoever would otherwise see it is told that rule 8 withheld it (the rule signposts).
  {
    as: 'police.investigator',
    subject: 'SUBJ-000003',
    ask: 'police { currentAddress { line1 } }',
    at: ['police', 'currentAddress', 'line1'],
    expect: 'shown',
  },
  {
    as: 'la.safeguarding',
    subject: 'SUBJ-000003',
    ask: 'police { currentAddress { line1 } }',
    at: ['police', 'currentAddress', 'line1'],
    expect: 'shown',
  },
  {
    as: 'police.analyst',
    subject: 'SUBJ-000003',
    ask: 'police { currentAddress { line1 } }',
    at: ['police', 'currentAddress'],
    expect: { told: 'R8-restricted-address' },
  },
  {
    as: 'nhs.safeguarding',
    subject: 'SUBJ-000003',
    ask: 'police { currentAddress { line1 } }',
    at: ['police', 'currentAddress'],
    expect: { told: 'R8-restricted-address' },
  },
  {
    as: 'ngo.caseworker',
    subject: 'SUBJ-000003',
    ask: 'police { currentAddress { line1 } }',
    at: ['police'],
    expect: { rule: 'no-matching-rule' },
  },
  {
    as: 'police.analyst',
    subject: 'SUBJ-000001',
    ask: 'police { currentAddress { line1 } }',
    at: ['police', 'currentAddress', 'line1'],
    expect: 'shown',
  },
  {
    as: 'nhs.safeguarding',
    subject: 'SUBJ-000001',
    ask: 'police { currentAddress { line1 } }',
    at: ['police', 'currentAddress', 'line1'],
    expect: 'shown',
  },

  // Rule 11: auditors never see personal data.
  {
    as: 'hub.auditor',
    purpose: 'AUDIT',
    subject: 'SUBJ-000001',
    ask: 'police { names { fullName } }',
    at: ['police'],
    expect: { rule: 'R11-auditors-no-personal-data' },
  },
  {
    as: 'hub.auditor',
    purpose: 'AUDIT',
    subject: 'SUBJ-000001',
    ask: 'health { attendances { site } }',
    at: ['health'],
    expect: { rule: 'R11-auditors-no-personal-data' },
  },
];

function describeExpectation(expectation: Row['expect']): string {
  if (expectation === 'shown') return 'shown';
  if ('rule' in expectation) return expectation.rule;
  if ('told' in expectation) return `told ${expectation.told}`;
  return `quietly ${expectation.quietly}`;
}

function valueAt(data: any, path: string[]): unknown {
  return path.reduce((value, key) => (value == null ? undefined : value[key]), data);
}

describe('the default sharing agreement, rule by rule', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 30 });
  });
  afterAll(() => hub?.stop());

  it.each(
    ROWS.map((row) => [
      `${row.as} ${row.purpose ?? 'IDENTIFY_VICTIMS'} ${row.subject} ${row.ask} → ${describeExpectation(row.expect)}`,
      row,
    ]),
  )('%s', async (_name, row) => {
    const { body } = await hub.query(`{ person(id: "${row.subject}") { ${row.ask} } }`, {}, { as: row.as, purpose: row.purpose });
    const person = body.data?.person;
    if (row.expect === 'shown') {
      expect(body.errors ?? []).toEqual([]);
      expect(valueAt(person, row.at)).not.toBeNull();
      expect(valueAt(person, row.at)).toBeDefined();
      return;
    }
    if ('quietly' in row.expect) {
      const rule = row.expect.quietly;
      expect(valueAt(person, row.at)).toBeNull();
      expect((body.errors ?? []).filter((e) => e.extensions.rule === rule)).toEqual([]);
      const notices = (body.extensions?.policyNotices ?? []) as { at: string; rule: string }[];
      expect(notices).toContainEqual(expect.objectContaining({ rule }));
      return;
    }
    const expected = 'told' in row.expect ? row.expect.told : row.expect.rule;
    expect(valueAt(person, row.at)).toBeNull();
    const error = (body.errors ?? []).find((e) => e.extensions.rule === expected);
    const path = ['person', ...row.at.map((key) => (/^\d+$/.test(key) ? Number(key) : key))];
    expect(error).toMatchObject({ path, extensions: { code: 'FORBIDDEN', rule: expected } });
    expect(typeof error!.extensions.reason).toBe('string');
    expect(error!.extensions.signposted).toBe('told' in row.expect ? true : undefined);
  });
});
