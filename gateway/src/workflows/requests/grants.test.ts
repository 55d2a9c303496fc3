import { readFileSync } from 'node:fs';
import { AGREEMENTS_DIR } from '../../agreements/agreements-dir';
import { loadAgreements } from '../../agreements/load-agreements';
import { buildGatewaySchema, OFFLINE_ENDPOINTS } from '../../gateway-schema';
import { CompiledPolicy } from '../../policy/compiled-policy';
import { decideField } from '../../policy/decide-field';
import type { StoredGrant } from '../../store/hub-store';
import { ownershipFromSupergraph } from '../../supergraph/ownership';
import { SUPERGRAPH_PATH } from '../../supergraph/paths';
import { demoHubRequest } from '../../testing/demo-hub-request';
import { grantRules } from './grants';
import { notDisclosable } from './request-fields';

const schema = buildGatewaySchema(OFFLINE_ENDPOINTS);
const ownership = ownershipFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const agreements = loadAgreements(AGREEMENTS_DIR, schema);
const [agreement] = agreements;
const policy = new CompiledPolicy(agreements, schema);

/** Red team, 30 November: what an owner's disclosure on request may name, and what it then reaches. */
describe('disclosures on request', () => {
  it.each([
    ['local-authority', 'LocalAuthorityRecord.housing', undefined],
    ['local-authority', 'Person.localAuthority', undefined],
    ['ngo', 'Person.support', undefined],
    ['ngo', 'SupportEpisode.consent', undefined],
    // A type several partners' records use is nobody's alone: the police's address is not the council's to give.
    ['local-authority', 'Address.line1', /no single partner/],
    ['nhs', 'PersonName.fullName', /no single partner/],
    // Another partner's field.
    ['local-authority', 'PoliceRecord.names', /police's data, not local-authority's/],
    // Below an episode: a consent record does not say whose episode it is, so the charity's own cannot be told.
    ['ngo', 'ConsentRecord.recipients', /with the episode it belongs to/],
    // A link is never requested.
    ['local-authority', 'LocalAuthorityRecord.landlordOf', /not a field of a subject's record/],
  ] as const)('%s may disclose %s: %s', (owner, coordinate, problem) => {
    const found = notDisclosable(schema, ownership, owner, coordinate);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  const grant = (owner: StoredGrant['owner'], fields: string[]): StoredGrant => ({
    requestId: 'REQ-2026-TESTTESTTE',
    owner,
    grantedByOrg: owner === 'ngo' ? 'adavu' : 'birmingham-city-council',
    subjectId: 'SUBJ-000001',
    fields,
    expiresAt: '2099-01-01T00:00:00.000Z',
    purpose: 'IDENTIFY_VICTIMS',
    lawfulBasis: 'DPA_2018_SCH2_PARA2',
    caseRef: 'ADAVU/2026/311',
  });
  const request = () => demoHubRequest('ngo.caseworker', 'IDENTIFY_VICTIMS', { active: true }, 'ADAVU/2026/311');
  const rulesOf = (grants: StoredGrant[], requester = request().requester) =>
    grantRules(grants, requester, agreement!, schema, ownership, policy);

  it("applies only to its owner's data, whatever the coordinate says (a stored grant from before the form checked it)", () => {
    const rules = rulesOf([grant('local-authority', ['Address.line1', 'LocalAuthorityRecord.housing'])]);
    // Not disclosable, so not a rule at all.
    expect(rules.has('Address.line1')).toBe(false);
    // Decided at the housing record's fields (no agreement rule gives a charity's caseworker the record as such).
    expect(rules.has('LocalAuthorityRecord.housing')).toBe(false);
    const housing = rules.get('HousingRecord.address')!;
    expect(housing).toHaveLength(1);
    const decide = (owner: 'local-authority' | 'police') =>
      decideField({ coordinate: 'Address.line1', own: [], inherited: housing, container: false, owner }, request()).kind;
    // Below the council's housing record, the council's address; never the police's.
    expect(decide('local-authority')).toBe('allow');
    expect(decide('police')).toBe('deny');
    expect(decideField({ coordinate: 'Address.line1', own: [], inherited: housing, container: false }, request()).kind).toBe('deny');
  });

  it('never reaches a link it does not name, though it names the record holding it', () => {
    const rules = rulesOf([grant('local-authority', ['Person.localAuthority'])]);
    // No agreement rule gives a charity's caseworker the council's record: it is decided at the fields below, the link not among them.
    expect(rules.has('Person.localAuthority')).toBe(false);
    expect(rules.has('LocalAuthorityRecord.caseRef')).toBe(true);
    expect(rules.has('LocalAuthorityRecord.landlordOf')).toBe(false);
    // And named above a link, it does not reach the link either.
    const whole = rules.get('LocalAuthorityRecord.caseRef')!;
    const at = (coordinate: string, link: boolean) =>
      decideField({ coordinate, own: [], inherited: whole, container: false, owner: 'local-authority', link }, request()).kind;
    expect(at('LocalAuthorityRecord.caseRef', false)).toBe('allow');
    expect(at('LocalAuthorityRecord.landlordOf', true)).toBe('deny');
  });

  it('offers no request as the remedy for a link, which a request cannot name (red team)', () => {
    const asker = { ...request(), mayRequestInformation: true };
    const remedy = (coordinate: string, link: boolean) => {
      const decision = decideField({ coordinate, own: [], inherited: [], container: false, owner: 'local-authority', link }, asker);
      return decision.kind === 'deny' ? (decision.withheld.remedy ?? null) : decision.kind;
    };
    expect(remedy('LocalAuthorityRecord.caseRef', false)).toEqual({ kind: 'REQUEST_FROM_OWNER', owner: 'local-authority' });
    expect(remedy('LocalAuthorityRecord.landlordOf', true)).toBeNull();
  });

  it('is decided at the field it names where an agreement rule covers that field for the requester, else at the fields below it', () => {
    const investigator = demoHubRequest('police.investigator', 'IDENTIFY_VICTIMS', { active: true }, 'WMP/2026/17').requester;
    const rules = rulesOf([grant('nhs', ['HealthRecord.attendances', 'HealthRecord.safeguardingFlags'])], investigator);
    // Rule 6 gives investigators the flags (under its terms): the disclosure lifts them there. No
    // rule gives them the attendances as such, which stay a container: decided there, for everyone
    // else the disclosure withheld what rule 6 shares inside them (dates and sites).
    expect(rules.has('HealthRecord.safeguardingFlags')).toBe(true);
    expect(rules.has('HealthRecord.attendances')).toBe(false);
    expect([...rules.keys()].filter((c) => c.startsWith('Attendance.')).sort()).toEqual(
      expect.arrayContaining(['Attendance.attendedOn', 'Attendance.clinicalNotes', 'Attendance.site']),
    );
    const site = rules.get('Attendance.site')!;
    expect(site[0]!.id).toBe('REQ-2026-TESTTESTTE');
    // Worked out once per kind of requester (grants.ts decidedAt): for a kind an agreement rule
    // gives the whole part (the NHS's own lead, rule 1) the same grant is decided at the part, and
    // each kind keeps its own answer; the rules themselves are still the requester's own.
    const nurse = demoHubRequest('nhs.safeguarding', 'IDENTIFY_VICTIMS', { active: true }, 'NHS/SG/2026/9').requester;
    const sameGrant = () => [grant('nhs', ['HealthRecord.attendances', 'HealthRecord.safeguardingFlags'])];
    expect(rulesOf(sameGrant(), nurse).has('HealthRecord.attendances')).toBe(true);
    expect(rulesOf(sameGrant(), investigator).has('HealthRecord.attendances')).toBe(false);
    expect(rulesOf(sameGrant(), { ...investigator, userId: 'another.investigator' }).get('Attendance.site')![0]!.recipients.users).toEqual([
      `${investigator.issuer}|another.investigator`,
    ]);
  });

  it("a charity's grant drops what it cannot decide on the episode, and decides the rest on it", () => {
    const rules = rulesOf([grant('ngo', ['Person.support', 'SupportEpisode.consent', 'ConsentRecord.recipients'])]);
    expect([...rules.keys()].sort()).toEqual(['Person.support', 'SupportEpisode.consent']);
    expect(rules.get('Person.support')![0]!.conditions.map((c) => c.name)).toEqual(['subjectOfTheRequest', 'providedByTheDecidingCharity']);
    expect(rules.get('SupportEpisode.consent')![0]!.conditions.map((c) => [c.name, c.scope])).toEqual([
      ['subjectOfTheRequest', 'subject'],
      ['providedByTheDecidingCharity', 'parent'],
    ]);
  });
});
