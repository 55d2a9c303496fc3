import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { buildGatewaySchema } from '../gateway-schema';
import { AgreementError } from './agreement-error';
import { AGREEMENTS_DIR } from './agreements-dir';
import { loadAgreements } from './load-agreements';
import type { Agreement } from './agreement.types';

/** A small valid agreement; the failure cases below each break one line of it. */
const VALID = `id: test-isa
version: 1
title: Test agreement
parties: [west-midlands-police, birmingham-city-council]
signedOn: 2026-01-15
effectiveFrom: 2026-02-01
reviewBy: 2028-01-14
status: ACTIVE
purposes: [IDENTIFY_VICTIMS, COORDINATED_RESPONSE]
handling:
  marking: OFFICIAL-SENSITIVE
  onwardDisclosure: No onward disclosure without the written consent of {owner}
publicFields: [SupportService.*]
rules:
  - id: R2-police-identity
    description: Police names go to council safeguarding leads.
    effect: allow
    owner: police
    fields: [PoliceRecord.names]
    recipients: { orgs: [birmingham-city-council], roles: [SAFEGUARDING_LEAD] }
    purposes: [IDENTIFY_VICTIMS]
    lawfulBases: [CDA_1998_S115]
    requireCaseRef: true
  - id: R8-restricted-address
    description: A restricted address goes to police investigators only.
    effect: deny
    fields: [PoliceRecord.currentAddress]
    recipients: {}
    except:
      - { partners: [police], roles: [INVESTIGATOR] }
    when: [addressRestricted]
`;

let schema: GraphQLSchema;
const tempDirs: string[] = [];

beforeAll(() => {
  schema = buildGatewaySchema();
});

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function agreementsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'agreements-'));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** VALID with `from` (which must occur exactly once) replaced by `to`. */
function edit(from: string, to: string): string {
  expect(VALID.split(from)).toHaveLength(2);
  return VALID.replace(from, to);
}

function loadError(files: Record<string, string>): AgreementError {
  try {
    loadAgreements(agreementsDir(files), schema);
  } catch (error) {
    if (error instanceof AgreementError) return error;
    throw error;
  }
  throw new Error('the agreements loaded, but should have been refused');
}

describe('loadAgreements', () => {
  it('loads the default agreement against the composed supergraph', () => {
    const [agreement, ...others] = loadAgreements(AGREEMENTS_DIR, schema) as [Agreement, ...Agreement[]];
    expect(others).toEqual([]);
    expect(agreement).toMatchObject({ id: 'isa-msht-wm', version: 1, file: 'isa-msht-west-midlands.yaml', status: 'ACTIVE' });
    expect(agreement.rules.map((r) => r.id)).toEqual([
      'R1-police-own',
      'R1-council-own-safeguarding',
      'R1-council-own-housing',
      'R1-nhs-own',
      'R1-ngo-own',
      'R2-police-identity',
      'R3-police-intelligence',
      'R3-never-to-charities',
      'R4-nrm-status-with-consent',
      'R5-council-housing-to-police',
      'R5-childrens-social-care-police',
      'R5-childrens-social-care-nhs',
      'R6-nhs-to-police-investigators',
      'R6-nhs-to-council-safeguarding',
      'R6-clinical-notes-child-safeguarding',
      'R6-clinical-notes-never-leave',
      'R6-clinical-notes-stay-in-nhs',
      'R7-ngo-within-consent',
      'R7-ngo-child-safeguarding',
      'R7-referral-within-consent',
      'R7-referral-support-within-consent',
      'R8-restricted-address',
      'R8-restricted-address-residents',
      'R8-restricted-address-intelligence',
      'R8-restricted-address-flag',
      'R9-police-statistics',
      'R9-council-statistics',
      'R9-nhs-statistics',
      'R9-ngo-statistics',
      'R11-auditors-no-personal-data',
    ]);
    expect(agreement.rules.every((r) => typeof r.line === 'number' && r.line > 0)).toBe(true);
  });

  it('returns typed rules with their source lines', () => {
    const [agreement] = loadAgreements(agreementsDir({ 'test.yaml': VALID }), schema) as [Agreement];
    expect(agreement.rules).toStrictEqual([
      {
        id: 'R2-police-identity',
        description: 'Police names go to council safeguarding leads.',
        effect: 'allow',
        owner: 'police',
        fields: ['PoliceRecord.names'],
        recipients: { orgs: ['birmingham-city-council'], roles: ['SAFEGUARDING_LEAD'] },
        purposes: ['IDENTIFY_VICTIMS'],
        lawfulBases: ['CDA_1998_S115'],
        requireCaseRef: true,
        line: 15,
      },
      {
        id: 'R8-restricted-address',
        description: 'A restricted address goes to police investigators only.',
        effect: 'deny',
        fields: ['PoliceRecord.currentAddress'],
        recipients: {},
        except: [{ partners: ['police'], roles: ['INVESTIGATOR'] }],
        when: ['addressRestricted'],
        line: 24,
      },
    ]);
  });

  it.each([
    ['an unknown top-level key', 'title: Test agreement', 'title: Test agreement\ntitel: Typo', "test.yaml:4: unknown key 'titel'"],
    [
      'an unknown rule key',
      '    fields: [PoliceRecord.names]',
      '    feilds: [PoliceRecord.names]',
      "test.yaml:19: rule R2-police-identity: unknown key 'feilds'",
    ],
    [
      'an unknown field',
      '[PoliceRecord.names]',
      '[PoliceRecord.nams]',
      "test.yaml:19: rule R2-police-identity: unknown field 'PoliceRecord.nams'",
    ],
    ['an unknown type', '[PoliceRecord.names]', '[PoliceRecrd.names]', "test.yaml:19: rule R2-police-identity: unknown type 'PoliceRecrd'"],
    [
      'a public field in an allow rule',
      '[PoliceRecord.names]',
      '[PoliceRecord.names, SupportService.name]',
      "test.yaml:19: rule R2-police-identity: 'SupportService.name' is public",
    ],
    [
      'a public field in a deny rule with conditions',
      '[PoliceRecord.currentAddress]',
      '[PoliceRecord.currentAddress, SupportService.name]',
      "test.yaml:27: rule R8-restricted-address: 'SupportService.name' is public",
    ],
    [
      'an unknown purpose',
      'purposes: [IDENTIFY_VICTIMS, COORDINATED_RESPONSE]',
      'purposes: [IDENTIFY_VICTIMS, GOSSIP]',
      "test.yaml:9: unknown purpose 'GOSSIP'",
    ],
    [
      'a rule purpose outside the agreement',
      '    purposes: [IDENTIFY_VICTIMS]',
      '    purposes: [CRIMINAL_ACTIVITY]',
      "test.yaml:21: rule R2-police-identity: purpose 'CRIMINAL_ACTIVITY' is not one of the agreement's purposes",
    ],
    [
      'an unknown lawful basis',
      '[CDA_1998_S115]',
      '[CDA_1998_S999]',
      "test.yaml:22: rule R2-police-identity: unknown lawful basis 'CDA_1998_S999'",
    ],
    [
      'an unknown party',
      'parties: [west-midlands-police, ',
      'parties: [ministry-of-magic, west-midlands-police, ',
      "test.yaml:4: unknown party 'ministry-of-magic'",
    ],
    [
      'a recipient org that is not a party',
      'orgs: [birmingham-city-council]',
      'orgs: [birmingham-solihull-nhs]',
      "test.yaml:20: rule R2-police-identity, recipients: recipient org 'birmingham-solihull-nhs' is not a party",
    ],
    [
      'an unknown recipient key',
      'roles: [SAFEGUARDING_LEAD] }',
      'role: [SAFEGUARDING_LEAD] }',
      "test.yaml:20: rule R2-police-identity, recipients: unknown key 'role'",
    ],
    [
      'an allow rule for everyone',
      '    recipients: { orgs: [birmingham-city-council], roles: [SAFEGUARDING_LEAD] }',
      '    recipients: {}',
      'test.yaml:20: rule R2-police-identity: an allow rule must name its recipients',
    ],
    [
      'an allow rule without lawfulBases',
      '    lawfulBases: [CDA_1998_S115]\n',
      '',
      'test.yaml:15: rule R2-police-identity: an allow rule must name its lawfulBases',
    ],
    ['an allow rule without owner', '    owner: police\n', '', 'test.yaml:15: rule R2-police-identity: an allow rule must name its owner'],
    [
      'except on an allow rule',
      '    requireCaseRef: true',
      '    requireCaseRef: true\n    except: [{ roles: [ANALYST] }]',
      'test.yaml:24: rule R2-police-identity: except is only for deny rules',
    ],
    [
      'an empty except entry',
      '      - { partners: [police], roles: [INVESTIGATOR] }',
      '      - {}',
      'test.yaml:30: rule R8-restricted-address, except[0]: an except entry must name orgs, partners or roles',
    ],
    [
      'an unknown condition',
      'when: [addressRestricted]',
      'when: [addressRestrictd]',
      "test.yaml:31: rule R8-restricted-address: unknown condition 'addressRestrictd'",
    ],
    [
      'an unknown effect',
      'effect: deny',
      'effect: forbid',
      "test.yaml:26: rule R8-restricted-address: effect 'forbid' is not one of: allow, deny",
    ],
    [
      'a malformed rule id',
      '- id: R8-restricted-address',
      '- id: restricted-address',
      "test.yaml:24: rule restricted-address: rule id 'restricted-address' must look like R<n>",
    ],
    [
      'a duplicate rule id',
      '- id: R8-restricted-address',
      '- id: R2-police-identity',
      'test.yaml:24: rule R2-police-identity: duplicate rule id (first at line 15)',
    ],
    [
      'reviewBy 25 months after signing',
      'reviewBy: 2028-01-14',
      'reviewBy: 2028-02-15',
      'test.yaml:7: reviewBy 2028-02-15 is more than 24 months after signedOn 2026-01-15',
    ],
    [
      'reviewBy before signing',
      'reviewBy: 2028-01-14',
      'reviewBy: 2025-01-14',
      'test.yaml:7: reviewBy 2025-01-14 must be after signedOn 2026-01-15',
    ],
    [
      'an invalid date',
      'signedOn: 2026-01-15',
      'signedOn: 2027-02-30',
      "test.yaml:5: signedOn '2027-02-30' is not a real date (YYYY-MM-DD)",
    ],
    [
      'effectiveFrom before signing',
      'effectiveFrom: 2026-02-01',
      'effectiveFrom: 2026-01-01',
      'test.yaml:6: effectiveFrom 2026-01-01 is before signedOn 2026-01-15',
    ],
    ['an unknown status', 'status: ACTIVE', 'status: PAUSED', "test.yaml:8: status 'PAUSED' is not one of: ACTIVE, SUSPENDED, TERMINATED"],
    ['a version that is not a positive integer', 'version: 1', 'version: 0', 'test.yaml:2: version must be a positive whole number'],
    ['an id that is not a slug', 'id: test-isa', 'id: Test ISA', "test.yaml:1: id 'Test ISA' must be a lower-case slug"],
    ['a missing required key', 'title: Test agreement\n', '', "test.yaml:1: missing required key 'title'"],
    [
      'onward disclosure that does not name the owner',
      'consent of {owner}',
      'consent of the owner',
      'test.yaml:12: handling: onwardDisclosure must name the owner with {owner}',
    ],
    [
      'an unknown handling key',
      '  marking: OFFICIAL-SENSITIVE',
      '  marking: OFFICIAL-SENSITIVE\n  markings: SECRET',
      "test.yaml:12: handling: unknown key 'markings'",
    ],
    ['an empty list', 'when: [addressRestricted]', 'when: []', 'test.yaml:31: rule R8-restricted-address: when must not be empty'],
    [
      'a wrong type',
      'requireCaseRef: true',
      'requireCaseRef: yes',
      'test.yaml:23: rule R2-police-identity: requireCaseRef must be true or false',
    ],
    [
      'an alias',
      '    fields: [PoliceRecord.currentAddress]',
      '    fields: *address',
      'test.yaml:27: rule R8-restricted-address: fields: aliases (*name) are not allowed',
    ],
    ['a duplicate YAML key', 'status: ACTIVE', 'status: ACTIVE\nstatus: SUSPENDED', 'test.yaml:9: Map keys must be unique'],
  ])('refuses %s, naming file and line', (_, from, to, expected) => {
    expect(loadError({ 'test.yaml': edit(from, to) }).message).toContain(expected);
  });

  it('refuses the same agreement id in two files', () => {
    expect(loadError({ 'a.yaml': VALID, 'b.yaml': VALID }).problems).toEqual([
      "b.yaml:1: agreement id 'test-isa' is already used by a.yaml:1",
    ]);
  });

  it('reports every problem at once, not just the first', () => {
    const broken = VALID.replace('[PoliceRecord.names]', '[PoliceRecord.nams]')
      .replace('[CDA_1998_S115]', '[CDA_1998_S999]')
      .replace('when: [addressRestricted]', 'when: [addressRestrictd]');
    const error = loadError({ 'test.yaml': broken });
    expect(error.problems).toEqual([
      "test.yaml:19: rule R2-police-identity: unknown field 'PoliceRecord.nams': PoliceRecord has no field 'nams'",
      "test.yaml:22: rule R2-police-identity: unknown lawful basis 'CDA_1998_S999'",
      "test.yaml:31: rule R8-restricted-address: unknown condition 'addressRestrictd'",
    ]);
    for (const problem of error.problems) expect(error.message).toContain(problem);
  });

  it('refuses a directory with no agreements, rather than denying everything silently', () => {
    expect(loadError({}).message).toContain('no *.yaml agreement files');
  });

  it('refuses an allow rule that would share a link to another subject without naming it', () => {
    const broken = edit('    fields: [PoliceRecord.names]', '    fields: [LocalAuthorityRecord.*]');
    expect(loadError({ 'test.yaml': broken }).problems).toEqual([
      expect.stringMatching(/test\.yaml:\d+: rule R2-police-identity: the fields reach the link LocalAuthorityRecord\.landlordOf/),
    ]);
    const named = edit('    fields: [PoliceRecord.names]', '    fields: [LocalAuthorityRecord.*, LocalAuthorityRecord.landlordOf]');
    expect(() => loadAgreements(agreementsDir({ 'test.yaml': named }), schema)).not.toThrow();
  });

  it('refuses a container whose subtree holds an unnamed link', () => {
    const broken = edit('    fields: [PoliceRecord.names]', '    fields: [Person.localAuthority]');
    expect(loadError({ 'test.yaml': broken }).problems).toEqual([expect.stringMatching(/reach the link LocalAuthorityRecord\.landlordOf/)]);
  });

  describe('signpost', () => {
    it('loads on a deny decided on its record, and stays off unless written', () => {
      const signposted = loadAgreements(
        agreementsDir({ 'test.yaml': edit('    when: [addressRestricted]', '    when: [addressRestricted]\n    signpost: true') }),
        schema,
      );
      expect(signposted[0]!.rules.find((r) => r.id === 'R8-restricted-address')!.signpost).toBe(true);
      const plain = loadAgreements(agreementsDir({ 'test.yaml': VALID }), schema);
      expect('signpost' in plain[0]!.rules.find((r) => r.id === 'R8-restricted-address')!).toBe(false);
    });

    it.each([
      [
        'on an allow rule',
        '    requireCaseRef: true',
        '    requireCaseRef: true\n    signpost: true',
        /rule R2-police-identity: signpost is only for deny rules/,
      ],
      ['on a deny without when', '    when: [addressRestricted]', '    signpost: true', /signpost needs when/],
      [
        'that is not a boolean',
        '    when: [addressRestricted]',
        '    when: [addressRestricted]\n    signpost: yes',
        /signpost must be true or false/,
      ],
    ])('is refused %s', (_, from, to, expected) => {
      expect(loadError({ 'test.yaml': edit(from, to) }).problems).toEqual([expect.stringMatching(expected)]);
    });

    it('is refused with a per-item condition: a withheld item leaves nothing to point at', () => {
      const broken = edit('    fields: [PoliceRecord.currentAddress]', '    fields: [Location.linkedPersons]').replace(
        'when: [addressRestricted]',
        'when: [residentAddressRestricted]\n    signpost: true',
      );
      expect(loadError({ 'test.yaml': broken }).problems).toEqual([
        expect.stringMatching(/signpost cannot be used with residentAddressRestricted/),
      ]);
    });
  });

  it('refuses a record condition used where its facts are not', () => {
    const broken = edit('    when: [addressRestricted]', '    when: [handlingCodePermitsSharing]');
    expect(loadError({ 'test.yaml': broken }).problems).toEqual([
      expect.stringMatching(/handlingCodePermitsSharing is decided on each IntelligenceReport, not on PoliceRecord\.currentAddress/),
    ]);
    const subject = edit('    fields: [PoliceRecord.currentAddress]', '    fields: [Location.intelligence]').replace(
      'when: [addressRestricted]',
      'when: [subjectIsChild]',
    );
    expect(loadError({ 'test.yaml': subject }).problems).toEqual([expect.stringMatching(/subjectIsChild is decided on the Person/)]);
  });
});
