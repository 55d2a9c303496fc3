import { issueDevToken } from '@hub/gateway';
import { SUBGRAPH_NAMES, type LawfulBasis, type Purpose } from '@hub/shared';
import { postGraphql, type GraphqlResponse } from '@hub/shared/testing';
import { launchHub, type LaunchOptions, type RunningHub } from '@hub/tools';
import { freshDatabases } from '@hub/tools';

export interface AsUser {
  /** A demo user id (docs/personas.md); the default is the council's safeguarding lead. */
  as?: string;
  purpose?: Purpose | null;
  caseRef?: string | null;
  lawfulBasis?: LawfulBasis;
  headers?: Record<string, string>;
}

export interface TestHub extends RunningHub {
  /** Sends an operation to the gateway over HTTP, with a real token for the demo user. */
  query<T = any>(query: string, variables?: Record<string, unknown>, user?: AsUser): Promise<GraphqlResponse<T>>;
  token(userId: string): Promise<string>;
}

/** Headers for a demo user: a dev token, a purpose and a case reference unless told otherwise. */
export async function userHeaders(keys: Pick<RunningHub['keys'], 'devIssuer'>, user: AsUser = {}): Promise<Record<string, string>> {
  const headers: Record<string, string> = { authorization: `Bearer ${await issueDevToken(user.as ?? 'la.safeguarding', keys.devIssuer)}` };
  const purpose = user.purpose === undefined ? 'IDENTIFY_VICTIMS' : user.purpose;
  const caseRef = user.caseRef === undefined ? 'BCC/MSHT/2026/0042' : user.caseRef;
  if (purpose) headers['x-hub-purpose'] = purpose;
  if (caseRef) headers['x-hub-case-ref'] = caseRef;
  if (user.lawfulBasis) headers['x-hub-lawful-basis'] = user.lawfulBasis;
  return { ...headers, ...user.headers };
}

/** Boots the four subgraphs and the gateway on free ports against fresh, seeded databases. */
export async function startTestHub(
  options: Pick<
    LaunchOptions,
    'agreementsDir' | 'trustedIssuersFile' | 'endpointFor' | 'storeUrl' | 'requestDeadlineMs' | 'breaker' | 'clock'
  > & {
    scale?: number;
    auditUrl?: (hubUrl: string) => string;
  } = {},
): Promise<TestHub> {
  const databases = await freshDatabases([...SUBGRAPH_NAMES, 'hub']);
  let hub: RunningHub;
  try {
    hub = await launchHub({
      databaseUrls: databases.urls,
      ports: 'free',
      seedIfEmpty: options.scale ?? 120,
      recordRequests: true,
      auditUrl: options.auditUrl?.(databases.urls.hub!),
      agreementsDir: options.agreementsDir,
      trustedIssuersFile: options.trustedIssuersFile,
      endpointFor: options.endpointFor,
      storeUrl: options.storeUrl,
      requestDeadlineMs: options.requestDeadlineMs,
      breaker: options.breaker,
      clock: options.clock,
    });
  } catch (error) {
    await databases.drop();
    throw error;
  }
  return {
    ...hub,
    query: async (query, variables, user) => postGraphql(hub.gateway.url, query, variables, await userHeaders(hub.keys, user)),
    token: (userId) => issueDevToken(userId, hub.keys.devIssuer),
    async stop() {
      await hub.stop();
      await databases.drop();
    },
  };
}
