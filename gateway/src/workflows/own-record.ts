import type { SubgraphName } from '@hub/shared';

/**
 * What counts as an organisation holding its own record of a subject, for the workflows that act
 * only for those who work with the person (referrals, docs/policy.md §8; a charity's answers to
 * information requests, §7): for a charity, a support episode it provides; for the police, the
 * council or the NHS, a record in their partner's data. It is always read as the user, by the
 * same plan and federated read as any of their queries (no back door into a partner's data).
 */
export const OWN_RECORD: Record<SubgraphName, { field: string; selection: string; holds(person: OwnRecordPerson, org: string): boolean }> =
  {
    police: { field: 'Person.police', selection: 'police { pncId }', holds: (p) => p.police != null },
    'local-authority': { field: 'Person.localAuthority', selection: 'localAuthority { caseRef }', holds: (p) => p.localAuthority != null },
    nhs: { field: 'Person.health', selection: 'health { nhsNumber }', holds: (p) => p.health != null },
    // Another charity's episodes are withheld from a charity on their records (R1-ngo-own), and the
    // organisation is compared besides: only an episode the user's own organisation provides counts.
    ngo: {
      field: 'Person.support',
      selection: 'support { providerOrg }',
      holds: (p, org) => Array.isArray(p.support) && p.support.some((e) => e?.providerOrg === org),
    },
  };

export interface OwnRecordPerson {
  id?: unknown;
  police?: unknown;
  localAuthority?: unknown;
  health?: unknown;
  support?: ({ providerOrg?: string | null } | null)[] | null;
}
