import { issueDevToken } from '@hub/gateway';
import { subjectId } from '@hub/shared';

/**
 * A council safeguarding lead's dashboard: 50 subjects with fields from all four partners and
 * their relations, asking only for what the agreement shares with that role (so nothing is
 * withheld and both gateways return the same shape). Used by the statement-count test and the
 * benchmarks.
 */
export const DASHBOARD_QUERY = `query Dashboard($ids: [ID!]!) { people(filter: { ids: $ids }) { id
  police { names { fullName } roles { role } intelligence { handlingCode summary } currentAddress { uprn } }
  localAuthority { caseRef names { fullName } childrenSocialCare { section47Enquiry } housing { tenure address { uprn } } }
  health { safeguardingFlags { kind } attendances { attendedOn site } }
  support { provider status consent { recipients } service { name capacity { available } } }
} }`;

export const DASHBOARD_USER = { as: 'la.safeguarding', purpose: 'IDENTIFY_VICTIMS', caseRef: 'BCC/MSHT/2026/0042' } as const;

/** The dashboard's subjects: the first 50 of the seeded population. */
export const DASHBOARD_VARIABLES = { ids: Array.from({ length: 50 }, (_, i) => subjectId(i + 1)) };

/** The dashboard user's request headers, with a token from the dev issuer (`bench -- peers`, `partner-ops`). */
export async function dashboardHeaders(devIssuer: Parameters<typeof issueDevToken>[1]): Promise<Record<string, string>> {
  return {
    'content-type': 'application/json',
    accept: 'application/json',
    authorization: `Bearer ${await issueDevToken(DASHBOARD_USER.as, devIssuer)}`,
    'x-hub-purpose': DASHBOARD_USER.purpose,
    'x-hub-case-ref': DASHBOARD_USER.caseRef,
  };
}

/** One subject, the same fields as a dashboard row: the per-request cost with little data (`bench -- peers`). */
export const PERSON_QUERY = `query Person($id: ID!) { person(id: $id) { id
  police { names { fullName } roles { role } intelligence { handlingCode summary } currentAddress { uprn } }
  localAuthority { caseRef names { fullName } childrenSocialCare { section47Enquiry } housing { tenure address { uprn } } }
  health { safeguardingFlags { kind } attendances { attendedOn site } }
  support { provider status consent { recipients } service { name capacity { available } } }
} }`;

/** The queries `bench -- peers` and `bench -- partner-ops` send, by name (`--queries`, `--query`). */
export const QUERIES = ['dashboard', 'person'] as const;
export type QueryName = (typeof QUERIES)[number];

export const REQUESTS: Record<QueryName, { query: string; variables: Record<string, unknown> }> = {
  dashboard: { query: DASHBOARD_QUERY, variables: DASHBOARD_VARIABLES },
  person: { query: PERSON_QUERY, variables: { id: subjectId(1) } },
};
