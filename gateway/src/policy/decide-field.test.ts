import type { Purpose } from '@hub/shared';
import { AGREEMENTS_DIR } from '../agreements/agreements-dir';
import { demoHubRequest } from '../testing/demo-hub-request';
import { loadAgreements } from '../agreements/load-agreements';
import { buildGatewaySchema, OFFLINE_ENDPOINTS } from '../gateway-schema';
import { CompiledPolicy } from './compiled-policy';
import { decideField } from './decide-field';

const schema = buildGatewaySchema(OFFLINE_ENDPOINTS);
const agreements = loadAgreements(AGREEMENTS_DIR, schema);
const policy = new CompiledPolicy(agreements, schema);

const requestFor = demoHubRequest;

/** Phase 1 alone, table-driven: persona × field × purpose → decision and the rule that makes it. */
const TABLE: [string, string, Purpose | null, string, string | null][] = [
  // persona, field, purpose, expected kind, expected rule (deny) or first allowing rule
  ['police.analyst', 'PoliceRecord.names', 'IDENTIFY_VICTIMS', 'allow', 'R1-police-own'],
  ['la.safeguarding', 'PoliceRecord.names', 'IDENTIFY_VICTIMS', 'allow', 'R2-police-identity'],
  ['la.safeguarding', 'PoliceRecord.names', 'RISK_ASSESSMENT', 'deny', 'R2-police-identity'],
  ['la.housing', 'PoliceRecord.names', 'IDENTIFY_VICTIMS', 'deny', 'no-matching-rule'],
  ['police.unapproved', 'PoliceRecord.names', 'IDENTIFY_VICTIMS', 'deny', 'ISA-6.4-approval'],
  ['la.safeguarding', 'PoliceRecord.intelligence', 'IDENTIFY_VICTIMS', 'conditional', 'R3-police-intelligence'],
  ['ngo.caseworker', 'PoliceRecord.intelligence', 'IDENTIFY_VICTIMS', 'deny', 'R3-never-to-charities'],
  ['ngo.caseworker', 'PoliceRecord.nrmReferrals', 'IDENTIFY_VICTIMS', 'conditional', 'R4-nrm-status-with-consent'],
  ['police.investigator', 'LocalAuthorityRecord.housing', 'CRIMINAL_ACTIVITY', 'allow', 'R5-council-housing-to-police'],
  ['nhs.safeguarding', 'LocalAuthorityRecord.childrenSocialCare', 'SAFEGUARDING_REFERRAL', 'conditional', 'R5-childrens-social-care-nhs'],
  ['police.investigator', 'Attendance.site', 'IDENTIFY_VICTIMS', 'allow', 'R6-nhs-to-police-investigators'],
  ['police.analyst', 'Attendance.site', 'IDENTIFY_VICTIMS', 'deny', 'no-matching-rule'],
  ['police.investigator', 'Attendance.clinicalNotes', 'IDENTIFY_VICTIMS', 'deny', 'R6-clinical-notes-never-leave'],
  ['la.safeguarding', 'Attendance.clinicalNotes', 'SAFEGUARDING_REFERRAL', 'conditional', 'R6-clinical-notes-child-safeguarding'],
  ['nhs.safeguarding', 'Attendance.clinicalNotes', 'IDENTIFY_VICTIMS', 'allow', 'R1-nhs-own'],
  ['la.safeguarding', 'Person.support', 'IDENTIFY_VICTIMS', 'conditional', 'R7-ngo-within-consent'],
  ['police.analyst', 'PoliceRecord.currentAddress', 'IDENTIFY_VICTIMS', 'allow', 'R1-police-own'],
  ['hub.auditor', 'Person.police', 'AUDIT', 'deny', 'R11-auditors-no-personal-data'],
  ['la.safeguarding', 'PoliceRecord.names', null, 'deny', 'ISA-4.3-purpose'],
];

/** Where a type sits in a request: rules on the field above it cover it too. */
const ABOVE: Record<string, string[]> = {
  Attendance: ['Person.health', 'HealthRecord.attendances'],
  PoliceRecord: ['Person.police'],
  LocalAuthorityRecord: ['Person.localAuthority'],
};

describe('decideField with the default agreement', () => {
  it.each(TABLE)('%s · %s · %s → %s %s', (user, coordinate, purpose, kind, rule) => {
    const typeName = coordinate.split('.')[0]!;
    const inherited = (ABOVE[typeName] ?? []).flatMap((c) => policy.rulesAt.get(c) ?? []);
    const decision = decideField(
      {
        coordinate,
        own: policy.rulesAt.get(coordinate) ?? [],
        inherited,
        container: typeName === 'Person',
      },
      requestFor(user, purpose),
    );
    expect(decision.kind).toBe(kind);
    if (decision.kind === 'deny') expect(decision.withheld.rule).toBe(rule);
    if (decision.kind === 'allow') expect(decision.allowedBy.map((r) => r.id)).toContain(rule);
    if (decision.kind === 'conditional') expect(decision.conditionalAllows.map((r) => r.id)).toContain(rule);
  });

  it('keeps the R8 restricted-address deny for the record check, except for the excepted roles', () => {
    const decide = (user: string) =>
      decideField(
        {
          coordinate: 'PoliceRecord.currentAddress',
          own: policy.rulesAt.get('PoliceRecord.currentAddress')!,
          inherited: [],
          container: true,
        },
        requestFor(user, 'IDENTIFY_VICTIMS'),
      );
    const analyst = decide('police.analyst');
    expect(analyst.kind === 'allow' && analyst.conditionalDenies.map((r) => r.id)).toEqual(['R8-restricted-address']);
    const investigator = decide('police.investigator');
    expect(investigator.kind === 'allow' && investigator.conditionalDenies).toEqual([]);
  });

  it('denies everything that depended on a suspended or expired agreement, with its reason', () => {
    const decision = decideField(
      {
        coordinate: 'PoliceRecord.names',
        own: policy.rulesAt.get('PoliceRecord.names')!,
        inherited: [],
        container: true,
      },
      requestFor('police.analyst', 'IDENTIFY_VICTIMS', { active: false, reason: 'suspended for a test' }),
    );
    expect(decision).toMatchObject({
      kind: 'deny',
      withheld: { rule: 'R12-agreement-not-in-force', agreement: 'isa-msht-wm@1', reason: expect.stringMatching(/suspended for a test/) },
    });
  });
});
