import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agreementsDir, parseAgreements } from './model/agreement';
import type { Grant } from './model/grants';
import type { RequestContext } from './model/request';
import { ADULT, CHILD, HOUSE, handWrittenWorld, LANDLORD, NOBODY, TODAY } from './fixtures/hand-written-world';
import { personas } from './harness/personas';
import { Oracle, type ExpectedResponse } from './oracle';

/**
 * The oracle's own decisions on hand-written rows, no database: each row is a sentence of
 * docs/policy.md and the response it implies. If one of these is wrong, the differential test
 * is measuring the gateway against the wrong thing.
 */

const YAML = readFileSync(join(agreementsDir(), 'isa-msht-west-midlands.yaml'), 'utf8');
const world = handWrittenWorld();
const oracle = new Oracle(world, parseAgreements([YAML]));
/** The same agreement with signposting off: how a deny decided on the record reads by default. */
const SILENT_YAML = YAML.replace(/\n\s*signpost: true/g, '');
const silentOracle = new Oracle(world, parseAgreements([SILENT_YAML]));

interface Ask {
  purpose?: string | null;
  caseRef?: string | null;
  basis?: string | null;
  suspended?: boolean;
  variables?: Record<string, unknown>;
}

function request(as: string, ask: Ask = {}): RequestContext {
  const persona = personas().find((p) => p.userId === as)!;
  return {
    requester: persona.requester,
    approval: persona.approval,
    purpose: ask.purpose === undefined ? 'IDENTIFY_VICTIMS' : ask.purpose,
    lawfulBasis: ask.basis ?? null,
    caseRef: ask.caseRef === undefined ? 'CASE/2026/1' : ask.caseRef,
    suspended: ask.suspended ? ['isa-msht-wm'] : [],
    today: TODAY,
    utcToday: TODAY,
  };
}

function expectFor(as: string, query: string, ask: Ask = {}, o: Oracle = oracle): ExpectedResponse {
  return o.expect(request(as, ask), { query, variables: ask.variables });
}

const errors = (r: ExpectedResponse) => r.errors.map((e) => `${e.path.join('.')} ${e.rule}`).sort();
const notices = (r: ExpectedResponse) => r.notices.map((n) => `${n.at} ${n.rule}`).sort();

describe('§4.1: which rule a denial before execution names', () => {
  it.each([
    ['hub.auditor', { purpose: 'AUDIT' }, 'person.police R11-auditors-no-personal-data'],
    ['hub.auditor', { purpose: 'AUDIT', suspended: true }, 'person.police R11-auditors-no-personal-data'],
    ['la.safeguarding', { suspended: true }, 'person.police R12-agreement-not-in-force'],
    ['police.unapproved', {}, 'person.police ISA-6.4-approval'],
    ['la.safeguarding', { purpose: null }, 'person.police ISA-4.3-purpose'],
    ['la.housing', { purpose: 'SAFEGUARDING_REFERRAL' }, 'person.police no-matching-rule'],
    ['la.safeguarding', { purpose: 'STATISTICS' }, 'person.police R2-police-identity'],
    ['la.safeguarding', { basis: 'CONSENT' }, 'person.police R2-police-identity'],
    ['la.safeguarding', { caseRef: null }, 'person.police R2-police-identity'],
    // A charity's caseworker is a recipient of the referral rule, which shares names for SAFEGUARDING_REFERRAL only.
    ['ngo.caseworker', {}, 'person.police R7-referral-within-consent'],
  ] as [string, Ask, string][])('%s %j: police { names } -> %s', (as, ask, error) => {
    const r = expectFor(as, `{ person(id: "${ADULT}") { police { names { fullName } } } }`, ask);
    expect(r.data).toEqual({ person: { police: null } });
    expect(errors(r)).toEqual([error]);
  });

  it('names a purpose the approval does not list before any rule', () => {
    const r = expectFor('la.housing', `{ person(id: "${ADULT}") { localAuthority { housing { tenure } } } }`, {
      purpose: 'SAFEGUARDING_REFERRAL',
    });
    expect(errors(r)).toEqual(['person.localAuthority ISA-6.4-approved-purposes']);
  });

  it('withholds a container whole, naming its first asked field', () => {
    const notesFirst = expectFor('police.analyst', `{ person(id: "${ADULT}") { health { attendances { clinicalNotes site } } } }`);
    expect(errors(notesFirst)).toEqual(['person.health R6-clinical-notes-never-leave']);
    const siteFirst = expectFor('police.analyst', `{ person(id: "${ADULT}") { health { attendances { site clinicalNotes } } } }`);
    expect(errors(siteFirst)).toEqual(['person.health no-matching-rule']);
  });

  it('emits an error only where the object holding it is kept', () => {
    const query = (id: string) => `{ person(id: "${id}") { police { pncId currentAddress { line1 } } } }`;
    // The adult's address shows, so the police object is kept and carries the pncId error.
    expect(errors(expectFor('nhs.safeguarding', query(ADULT)))).toEqual(['person.police.pncId no-matching-rule']);
    // The child's address is restricted: nothing shows, the object is null, the error would say it exists.
    const child = expectFor('nhs.safeguarding', query(CHILD), {}, silentOracle);
    expect(child.data).toEqual({ person: { police: null } });
    expect(child.errors).toEqual([]);
  });

  it('decides errors without data: a reference nobody holds gets the same ones', () => {
    const q = (id: string) => `{ person(id: "${id}") { police { pncId } health { nhsNumber } } }`;
    expect(errors(expectFor('la.safeguarding', q(NOBODY)))).toEqual(errors(expectFor('la.safeguarding', q(ADULT))));
  });
});

describe('§5: withheld looks like absent', () => {
  const address = (id: string) => `{ person(id: "${id}") { police { currentAddress { line1 } } } }`;

  it('withholds a restricted address on the record, without an error, with a notice (signposting off)', () => {
    const r = expectFor('nhs.safeguarding', address(CHILD), {}, silentOracle);
    expect(r.data).toEqual({ person: { police: null } });
    expect(r.errors).toEqual([]);
    expect(notices(r)).toEqual(['person.police.currentAddress R8-restricted-address']);
  });

  it('answers a withheld record and a missing one alike, notices included (signposting off)', () => {
    const withheld = expectFor('nhs.safeguarding', address(CHILD), {}, silentOracle);
    const missing = expectFor('nhs.safeguarding', address(NOBODY), {}, silentOracle);
    expect(missing).toEqual(withheld);
  });

  it('tells whoever would see the address that rule 8 withheld it, where the agreement signposts it', () => {
    const r = expectFor('nhs.safeguarding', address(CHILD));
    // The telling is content: the police record is kept, the address is null, the error names the rule.
    expect(r.data).toEqual({ person: { police: { currentAddress: null } } });
    expect(errors(r)).toEqual(['person.police.currentAddress R8-restricted-address']);
    expect(notices(r)).toEqual(['person.police.currentAddress R8-restricted-address']);
    // Nobody's record, and a clear address, tell nothing.
    expect(expectFor('nhs.safeguarding', address(NOBODY)).errors).toEqual([]);
    expect(expectFor('nhs.safeguarding', address(ADULT)).errors).toEqual([]);
  });

  it('tells nothing to whoever would not see the address anyway', () => {
    // No rule shares the address with a charity: denied before execution, whatever the record says.
    expect(errors(expectFor('ngo.caseworker', address(CHILD)))).toEqual(errors(expectFor('ngo.caseworker', address(ADULT))));
    // Without a case reference the analyst's allow does not hold: the same denial for both.
    const noCase = { caseRef: null };
    expect(errors(expectFor('police.analyst', address(CHILD), noCase))).toEqual(
      errors(expectFor('police.analyst', address(ADULT), noCase)),
    );
  });

  it('shows an unrestricted address, still with the notice', () => {
    const r = expectFor('nhs.safeguarding', address(ADULT));
    expect(r.data).toEqual({ person: { police: { currentAddress: { line1: '14 Example Road' } } } });
    expect(notices(r)).toEqual(['person.police.currentAddress R8-restricted-address']);
  });

  it('lets investigators and council safeguarding leads see the restricted address (except), no notice', () => {
    const r = expectFor('police.investigator', address(CHILD));
    expect(r.data).toEqual({ person: { police: { currentAddress: { line1: '14 Example Road' } } } });
    expect(r.notices).toEqual([]);
  });

  it('turns empty lists and objects without content into null, and drops items without content', () => {
    // The adult's attendance has no indicators ([]), so it carries nothing; the child's has one.
    const q = (id: string) => `{ person(id: "${id}") { health { attendances { exploitationIndicators } } } }`;
    expect(expectFor('nhs.safeguarding', q(ADULT)).data).toEqual({ person: { health: null } });
    expect(expectFor('nhs.safeguarding', q(CHILD)).data).toEqual({
      person: { health: { attendances: [{ exploitationIndicators: ['burns'] }] } },
    });
  });

  it('keeps the subject object, even when nothing about it is shown', () => {
    const r = expectFor('ngo.caseworker', `{ person(id: "${NOBODY}") { id __typename support { status } } }`);
    expect(r.data).toEqual({ person: { id: NOBODY, __typename: 'Person', support: null } });
  });

  it('does not count __typename as content', () => {
    const r = expectFor('police.analyst', `{ person(id: "${ADULT}") { police { __typename } } }`);
    expect(r.data).toEqual({ person: { police: null } });
    expect(r.errors).toEqual([]);
  });
});

describe('§6: record conditions', () => {
  it('decides recipientIsProvider per item: a charity sees its own episodes only', () => {
    const r = expectFor('ngo.caseworker', `{ person(id: "${ADULT}") { support { provider service { name } } } }`);
    expect(r.data).toEqual({ person: { support: [{ provider: 'The Adavu Project', service: { name: 'Long-term survivor support' } }] } });
    expect(notices(r)).toEqual(['person.support R1-ngo-own']);
  });

  it('decides episodeConsentNamesRecipient per item', () => {
    const r = expectFor('la.safeguarding', `{ person(id: "${ADULT}") { support { providerOrg } } }`);
    expect(r.data).toEqual({ person: { support: [{ providerOrg: 'adavu' }] } });
    // R7-ngo-child-safeguarding does not serve IDENTIFY_VICTIMS: it does not apply, so no notice names it.
    expect(notices(r)).toEqual(['person.support R7-ngo-within-consent']);
  });

  it("shares a child's episodes with council safeguarding leads without consent (subjectIsChild, the police record)", () => {
    const r = expectFor('la.safeguarding', `{ person(id: "${CHILD}") { support { providerOrg } } }`, { purpose: 'SAFEGUARDING_REFERRAL' });
    expect(r.data).toEqual({ person: { support: [{ providerOrg: 'barnardos' }] } });
  });

  it('releases clinical notes only for a child under a s47 enquiry', () => {
    const q = (id: string) => `{ person(id: "${id}") { health { attendances { site clinicalNotes } } } }`;
    expect(expectFor('la.safeguarding', q(CHILD)).data).toEqual({
      person: { health: { attendances: [{ site: "Children's A&E", clinicalNotes: 'child note' }] } },
    });
    const adult = expectFor('la.safeguarding', q(ADULT));
    expect(adult.data).toEqual({ person: { health: { attendances: [{ site: 'A&E', clinicalNotes: null }] } } });
    expect(adult.errors).toEqual([]);
    expect(notices(adult)).toEqual(['person.health.attendances.clinicalNotes R6-clinical-notes-child-safeguarding']);
  });

  it('decides subjectConsentNamesRecipient on the subject: no episode names adavu for the child', () => {
    const r = expectFor('ngo.caseworker', `{ person(id: "${CHILD}") { police { nrmReferrals { referredOn } } } }`);
    expect(r.data).toEqual({ person: { police: null } });
    expect(notices(r)).toEqual(['person.police.nrmReferrals R4-nrm-status-with-consent']);
  });

  it('shows intelligence whose handling code permits sharing', () => {
    const r = expectFor('la.safeguarding', `{ location(uprn: "${HOUSE}") { intelligence { summary } } }`);
    expect(r.data).toEqual({ location: { intelligence: [{ summary: 'Many people seen at the house' }] } });
    expect(notices(r)).toEqual(['location.intelligence R3-police-intelligence']);
  });
});

describe('§2, §3: subjects are boundaries; links are shared only where a rule names them', () => {
  it('decides the people at the end of a link afresh', () => {
    const r = expectFor('police.investigator', `{ location(uprn: "${HOUSE}") { linkedPersons { id police { names { fullName } } } } }`);
    expect(r.data).toEqual({
      location: {
        linkedPersons: [
          { id: ADULT, police: { names: [{ fullName: 'Ann Adult' }] } },
          { id: CHILD, police: { names: [{ fullName: 'Chris Child' }] } },
        ],
      },
    });
  });

  it('withholds a link no rule names for the requester', () => {
    const r = expectFor('la.housing', `{ location(uprn: "${HOUSE}") { linkedPersons { id } } }`);
    expect(r.data).toEqual({ location: { linkedPersons: null } });
    expect(errors(r)).toEqual(['location.linkedPersons no-matching-rule']);
  });

  it('does not let LocalAuthorityRecord.* reach the landlordOf link; a rule naming it does', () => {
    const q = `{ person(id: "${LANDLORD}") { localAuthority { dateOfBirth landlordOf { uprn } } } }`;
    // The agreement names the link beside the wildcard; without that name the wildcard stops short of it.
    const unnamed = new Oracle(
      world,
      parseAgreements([YAML.replace('LocalAuthorityRecord.*, LocalAuthorityRecord.landlordOf,', 'LocalAuthorityRecord.*,')]),
    );
    const lead = expectFor('la.safeguarding', q, {}, unnamed);
    expect(lead.data).toEqual({ person: { localAuthority: { dateOfBirth: '1970-01-09', landlordOf: null } } });
    expect(errors(lead)).toEqual(['person.localAuthority.landlordOf no-matching-rule']);
    const housing = expectFor('la.housing', q);
    expect(housing.data).toEqual({ person: { localAuthority: { dateOfBirth: '1970-01-09', landlordOf: [{ uprn: HOUSE }] } } });
    expect(housing.errors).toEqual([]);
  });

  it('treats a directory entry under a subject as the subject’s data, not as public', () => {
    const r = expectFor('la.dpo', `{ person(id: "${ADULT}") { support { service { name } } } }`, { purpose: 'AUDIT' });
    expect(r.data).toEqual({ person: { support: null } });
    expect(errors(r)).toEqual(['person.support no-matching-rule']);
  });

  it('shows the public directory to anyone authenticated, approved or not, in force or not', () => {
    for (const [as, ask] of [
      ['police.unapproved', {}],
      ['hub.auditor', { purpose: 'AUDIT' }],
      ['la.safeguarding', { suspended: true }],
    ] as [string, Ask][]) {
      const r = expectFor(as, `{ supportServices { name } }`, ask);
      expect(r.data).toEqual({
        supportServices: [{ name: 'ICTA' }, { name: 'Long-term survivor support' }, { name: 'Refuge house' }].sort(byName),
      });
      expect(r.errors).toEqual([]);
    }
  });
});

describe('operations: aliases, fragments, directives and variables', () => {
  it('reads aliases, named and inline fragments, @skip/@include and variable defaults', () => {
    const query = `query Q($id: ID! = "${ADULT}", $show: Boolean = true, $hide: Boolean!) {
      who: person(id: $id) {
        ... on Person { cops: police { ...Names } }
        police @skip(if: $hide) { pncId }
        health @include(if: $show) { attendances { site } }
      }
    }
    fragment Names on PoliceRecord { names { fullName } }`;
    const r = expectFor('la.safeguarding', query, { variables: { hide: true } });
    expect(r.data).toEqual({
      who: { cops: { names: [{ fullName: 'Ann Adult' }] }, health: { attendances: [{ site: 'A&E' }] } },
    });
  });

  it('merges fields asked twice under one response key', () => {
    const r = expectFor(
      'la.safeguarding',
      `{ person(id: "${ADULT}") { police { names { fullName } } ... { police { names { kind } } } } }`,
    );
    expect(r.data).toEqual({ person: { police: { names: [{ fullName: 'Ann Adult', kind: 'BIRTH' }] } } });
  });
});

describe('the restricted-address rules of the agreement (rule 8), read from the YAML', () => {
  it('withholds a linked resident whose police record does not say addressRestricted: false', () => {
    const r = expectFor('police.analyst', `{ location(uprn: "${HOUSE}") { linkedPersons { id } } }`);
    expect(r.data).toEqual({ location: { linkedPersons: [{ id: ADULT }] } });
    expect(notices(r)).toEqual(['location.linkedPersons R8-restricted-address-residents']);
    expect(expectFor('police.investigator', `{ location(uprn: "${HOUSE}") { linkedPersons { id } } }`).data).toEqual({
      location: { linkedPersons: [{ id: ADULT }, { id: CHILD }] },
    });
  });

  it('withholds the intelligence filed at a property where someone lives at a restricted address', () => {
    const q = `{ location(uprn: "${HOUSE}") { intelligence { summary } } }`;
    const r = expectFor('police.analyst', q);
    expect(r.data).toEqual({ location: { intelligence: null } });
    expect(notices(r)).toEqual(['location.intelligence R8-restricted-address-intelligence']);
    expect(expectFor('police.investigator', q).data).toEqual({
      location: { intelligence: [{ summary: 'Many people seen at the house' }] },
    });
  });

  it('withholds the restricted flag itself from those who may not have the address, whatever it says', () => {
    const q = (id: string) => `{ person(id: "${id}") { police { addressRestricted } } }`;
    for (const id of [CHILD, ADULT]) {
      const r = expectFor('police.analyst', q(id));
      expect(r.data).toEqual({ person: { police: null } });
      expect(errors(r)).toEqual(['person.police R8-restricted-address-flag']);
    }
    expect(expectFor('police.investigator', q(CHILD)).data).toEqual({ person: { police: { addressRestricted: true } } });
  });

  it('fails closed on a condition it does not know: an allow never holds, a deny always does', () => {
    const unknownAllow = YAML.replace('when: [handlingCodePermitsSharing]', 'when: [somethingNew]');
    const r = expectFor(
      'la.safeguarding',
      `{ location(uprn: "${HOUSE}") { intelligence { summary } } }`,
      {},
      new Oracle(world, parseAgreements([unknownAllow])),
    );
    expect(r.data).toEqual({ location: { intelligence: null } });
    const unknownDeny = SILENT_YAML.replace('when: [addressRestricted]', 'when: [somethingNew]');
    const d = expectFor(
      'nhs.safeguarding',
      `{ person(id: "${ADULT}") { police { currentAddress { line1 } } } }`,
      {},
      new Oracle(world, parseAgreements([unknownDeny])),
    );
    expect(d.data).toEqual({ person: { police: null } });
  });

  it('treats an agreement past its review-by date as not in force', () => {
    const lapsed = new Oracle(world, parseAgreements([YAML.replace(/reviewBy: \S+/, 'reviewBy: 2026-06-30')]));
    expect(errors(expectFor('la.safeguarding', `{ person(id: "${ADULT}") { police { names { fullName } } } }`, {}, lapsed))).toEqual([
      'person.police R12-agreement-not-in-force',
    ]);
  });
});

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

describe('disclosures on request (README "Information requests"; docs/policy.md §7)', () => {
  const grant = (over: Partial<Grant>): Grant => ({
    requestId: 'REQ-2026-TEST000001',
    requesterId: 'police.investigator',
    owner: 'nhs',
    decidedOrg: 'birmingham-solihull-nhs',
    subjectId: ADULT,
    fields: ['HealthRecord.attendances'],
    purpose: 'CRIMINAL_ACTIVITY',
    lawfulBasis: 'DPA_2018_SCH2_PARA2',
    caseRef: 'WMP-OP-KESTREL-17',
    ...over,
  });
  const granting = (...grants: Grant[]) => {
    const o = new Oracle(world, parseAgreements([YAML]));
    o.grants = grants;
    return o;
  };
  const KESTREL: Ask = { purpose: 'CRIMINAL_ACTIVITY', caseRef: 'WMP-OP-KESTREL-17' };
  const ATTENDANCES = (subject: string) => `{ person(id: "${subject}") { health { attendances { site attendedOn } } } }`;

  it('shows what was disclosed, to its requester, about its subject, under its purpose and case', () => {
    const o = granting(grant({}));
    const without = expectFor('police.investigator', ATTENDANCES(ADULT), KESTREL);
    expect(without.data).toEqual({ person: { health: null } });
    const r = expectFor('police.investigator', ATTENDANCES(ADULT), KESTREL, o);
    expect(r.data).toEqual({ person: { health: { attendances: [{ site: 'A&E', attendedOn: '2026-02-01' }] } } });
    expect(errors(r)).toEqual([]);
    // The request's id given as the case reference, and with its basis named: the same.
    expect(expectFor('police.investigator', ATTENDANCES(ADULT), { ...KESTREL, caseRef: 'REQ-2026-TEST000001' }, o).data).toEqual(r.data);
    expect(expectFor('police.investigator', ATTENDANCES(ADULT), { ...KESTREL, basis: 'DPA_2018_SCH2_PARA2' }, o).data).toEqual(r.data);
  });

  it.each([
    ['another requester of the same organisation', 'police.analyst', ADULT, KESTREL],
    ['another purpose', 'police.investigator', ADULT, { ...KESTREL, purpose: 'IDENTIFY_VICTIMS' }],
    ['another case', 'police.investigator', ADULT, { ...KESTREL, caseRef: 'CASE/2026/1' }],
    ['another basis', 'police.investigator', ADULT, { ...KESTREL, basis: 'CONSENT' }],
  ] as [string, string, string, Ask][])('is as if it were not there for %s', (_, as, subject, ask) => {
    const o = granting(grant({}));
    expect(expectFor(as, ATTENDANCES(subject), ask, o)).toEqual(expectFor(as, ATTENDANCES(subject), ask));
  });

  it('is decided on the subject, like a record condition: about another subject it releases nothing, and no denial names it', () => {
    // The request's rule passes before execution, so the part is no longer denied up front; the
    // record shows another subject, so nothing is shown, as if the part were absent.
    const r = expectFor('police.investigator', ATTENDANCES(CHILD), KESTREL, granting(grant({})));
    expect(r.data).toEqual({ person: { health: null } });
    expect(errors(r)).toEqual([]);
    // Decided at the attendances' fields (no agreement rule gives investigators the attendances as such).
    expect(notices(r)).toEqual([
      'person.health.attendances.attendedOn REQ-2026-TEST000001',
      'person.health.attendances.site REQ-2026-TEST000001',
    ]);
  });

  it('leaves what the agreement shares about other subjects as it is: decided below a field that is a container for the requester', () => {
    // Rule 6 gives investigators attendance dates and sites under IDENTIFY_VICTIMS; no rule gives
    // them the attendances as such. A disclosure of one person's attendances must not take the
    // dates and sites of everyone else away.
    const o = granting(grant({ purpose: 'IDENTIFY_VICTIMS' }));
    const victims: Ask = { purpose: 'IDENTIFY_VICTIMS', caseRef: 'WMP-OP-KESTREL-17' };
    const other = `{ person(id: "${CHILD}") { health { attendances { attendedOn site } } } }`;
    expect(expectFor('police.investigator', other, victims, o).data).toEqual(expectFor('police.investigator', other, victims).data);
    expect(expectFor('police.investigator', other, victims, o).data).toEqual({
      person: { health: { attendances: [{ attendedOn: '2026-09-09', site: "Children's A&E" }] } },
    });
    // About its own subject it releases what rule 6 does not: the kind of attendance.
    const own = `{ person(id: "${ADULT}") { health { attendances { kind } } } }`;
    expect(expectFor('police.investigator', own, victims).data).toEqual({ person: { health: null } });
    expect(expectFor('police.investigator', own, victims, o).data).toEqual({ person: { health: { attendances: [{ kind: 'A_AND_E' }] } } });
  });

  it("never wins over the agreement's deny rules, and stops while the agreement is suspended", () => {
    const o = granting(grant({ fields: ['HealthRecord.attendances', 'Attendance.clinicalNotes'] }));
    const notes = expectFor(
      'police.investigator',
      `{ person(id: "${ADULT}") { health { attendances { site clinicalNotes } } } }`,
      KESTREL,
      o,
    );
    expect(notes.data).toEqual({ person: { health: { attendances: [{ site: 'A&E', clinicalNotes: null }] } } });
    expect(errors(notes)).toEqual(['person.health.attendances.0.clinicalNotes R6-clinical-notes-never-leave']);
    const suspended = expectFor('police.investigator', ATTENDANCES(ADULT), { ...KESTREL, suspended: true }, o);
    expect(suspended.data).toEqual({ person: { health: null } });
  });

  it("a charity's discloses only the episodes it provides", () => {
    const o = granting(
      grant({
        requesterId: 'la.housing',
        owner: 'ngo',
        decidedOrg: 'adavu',
        fields: ['Person.support'],
        purpose: 'IDENTIFY_VICTIMS',
        caseRef: 'CASE/2026/1',
      }),
    );
    const r = expectFor('la.housing', `{ person(id: "${ADULT}") { support { provider status } } }`, {}, o);
    expect(r.data).toEqual({ person: { support: [{ provider: 'The Adavu Project', status: 'ACTIVE' }] } });
  });

  it("releases nothing it could not have disclosed: a shared type, a link, another partner's data, a charity's consent records", () => {
    const stale = granting(
      grant({
        requesterId: 'la.housing',
        owner: 'local-authority',
        fields: ['Address.line1', 'LocalAuthorityRecord.landlordOf'],
        purpose: 'CRIMINAL_ACTIVITY',
      }),
      grant({
        requestId: 'REQ-2026-TEST000002',
        requesterId: 'la.housing',
        owner: 'police',
        fields: ['HealthRecord.attendances'],
        purpose: 'CRIMINAL_ACTIVITY',
      }),
      grant({
        requestId: 'REQ-2026-TEST000003',
        requesterId: 'la.housing',
        owner: 'ngo',
        decidedOrg: 'adavu',
        fields: ['ConsentRecord.*'],
        purpose: 'CRIMINAL_ACTIVITY',
      }),
    );
    for (const query of [
      `{ person(id: "${ADULT}") { police { currentAddress { line1 } } } }`,
      ATTENDANCES(ADULT),
      `{ person(id: "${ADULT}") { support { consent { recipients } } } }`,
      `{ person(id: "${LANDLORD}") { localAuthority { landlordOf { uprn } } } }`,
    ]) {
      expect(expectFor('la.housing', query, KESTREL, stale)).toEqual(expectFor('la.housing', query, KESTREL));
    }
  });
});
