import { draftsFor } from '@hub/gateway';

type Drafted = Parameters<typeof draftsFor>;

const OWNERS = ['police', 'local-authority'] as const;
const rule = (id: string, owner: string) => ({ id, owner, agreementRef: 'isa-msht-wm@3', lawfulBases: ['UK_GDPR_6_1_E'] });
/** The compiled policy's rule objects, shared by every disclosure as in the gateway (drafts.ts knows rules by identity). */
const RULES = Object.fromEntries(OWNERS.map((owner) => [owner, [rule(`R1-${owner}-core`, owner), rule(`R4-${owner}-detail`, owner)]]));

/**
 * What a dashboard response leaves for the log, for the benchmarks of the log's cost (`micro log`,
 * `log-sql`): 50 subjects with two owners each (100 records), a dozen fields each, one field
 * withheld on every third, the rules shared as the compiled policy's are.
 */
const DISCLOSURES = Array.from({ length: 100 }, (_, i) => {
  const owner = OWNERS[i % 2]!;
  return {
    subjectType: 'Person' as const,
    subjectId: `SUBJ-${String((i >> 1) + 1).padStart(6, '0')}`,
    owner,
    controller: owner === 'police' ? 'west-midlands-police' : 'birmingham-city-council',
    rules: new Set(RULES[owner]),
    fields: new Set(Array.from({ length: 12 }, (_, f) => `${owner === 'police' ? 'PoliceRecord' : 'SocialCareRecord'}.field${f}`)),
    withheld: new Map(
      i % 3 === 0
        ? [
            [
              'PoliceRecord.intelligence',
              { rule: 'R3-police-intelligence', agreement: 'isa-msht-wm@3', reason: 'not shared with this role' },
            ],
          ]
        : [],
    ),
  };
}) as unknown as Drafted[0];

const OPERATION = { source: `query Dashboard { ${'people { name } '.repeat(20)}}`, name: 'Dashboard' };

/** A dashboard response's drafts, as the log is given them, for a request of this id. */
export function dashboardDrafts(requestId: string): ReturnType<typeof draftsFor> {
  const request = {
    requestId,
    requester: {
      issuer: 'dev',
      userId: 'la.safeguarding',
      org: 'birmingham-city-council',
      partner: 'local-authority',
      roles: ['SAFEGUARDING_LEAD'],
    },
    approval: null,
    purpose: 'IDENTIFY_VICTIMS',
    lawfulBasis: null,
    caseRef: 'BCC/MSHT/2026/0042',
    agreementStates: new Map(),
  } as unknown as Drafted[1];
  return draftsFor(DISCLOSURES, request, OPERATION, new Date());
}
