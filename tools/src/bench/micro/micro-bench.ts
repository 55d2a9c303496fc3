import { fork } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import { DisclosureLog, leanFetch } from '@hub/gateway';
import { dashboardDrafts } from '../dashboard-drafts';
import { GATEWAY_ISSUER, signGatewayTokenSync, SUBGRAPH_NAMES } from '@hub/shared';
import { generateKeyPair, SignJWT } from 'jose';

/** A variant's work per operation; `before` and `after` are measured alternately in one process. */
type Work = () => Promise<unknown>;

export interface MicroOptions {
  name: string;
  /** Operations per round. */
  operations: number;
  rounds: number;
}

/**
 * `npm run bench -- micro <name>`: one piece of the gateway's per-request work, before and after a
 * change, in one process, alternating rounds, as CPU time of this process per operation
 * (`process.cpuUsage`, so that other work on the machine weighs less than in a wall-clock timing).
 */
export async function microBench(options: MicroOptions): Promise<void> {
  const bench = MICRO[options.name];
  if (!bench) throw new Error(`micro: unknown ${options.name}; choose from ${Object.keys(MICRO).join(', ')}`);
  const { variants, close } = await bench();
  const names = Object.keys(variants);
  const perOp: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  try {
    for (const name of names) await cpuPerOperation(variants[name]!, Math.ceil(options.operations / 5)); // warm-up
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      for (const name of order) perOp[name]!.push(await cpuPerOperation(variants[name]!, options.operations));
    }
  } finally {
    await close();
  }
  const medians = names.map((n) => [n, median(perOp[n]!)] as const);
  console.log(`micro ${options.name}: CPU ms per operation, median of ${options.rounds} alternating rounds of ${options.operations}`);
  for (const [name, ms] of medians)
    console.log(`  ${name.padEnd(8)} ${ms.toFixed(4)}  (${perOp[name]!.map((v) => v.toFixed(4)).join(', ')})`);
  if (medians.length === 2) console.log(`  ratio ${medians[0]![0]}/${medians[1]![0]}: ${(medians[0]![1] / medians[1]![1]).toFixed(2)}×`);
}

const MICRO: Record<string, () => Promise<{ variants: Record<string, Work>; close(): Promise<void> }>> = {
  /**
   * The gateway's side of logging a dashboard response: 100 records (dashboard-drafts.ts) drafted,
   * hashed onto the chain and turned into the INSERT's parameter, through DisclosureLog.append with a database that accepts anything (so
   * PostgreSQL's own work is not counted). One variant: run it before and after a change.
   */
  async log() {
    const pool = { connect: async () => ({ query: async () => ({ rows: [] }), release: () => undefined }) };
    const log = new DisclosureLog(pool as unknown as ConstructorParameters<typeof DisclosureLog>[0]);
    return {
      variants: {
        log: () => log.append(dashboardDrafts('6f1c2d1e-7a43-4c55-9b0e-5d2f0f6f2a11')),
      },
      close: async () => undefined,
    };
  },
  /** A request's four subgraph tokens: jose's SignJWT (WebCrypto) against gateway-token.ts's crypto.sign. */
  async tokens() {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const claims = {
      sub: 'la.safeguarding',
      org: 'birmingham-city-council',
      roles: ['SAFEGUARDING_LEAD'],
      purpose: 'IDENTIFY_VICTIMS',
      lawfulBasis: null,
      caseRef: 'CASE-2026-0042',
      requestId: '6f1c2d1e-7a43-4c55-9b0e-5d2f0f6f2a11',
    };
    const { sub, ...rest } = claims;
    return {
      variants: {
        jose: () =>
          Promise.all(
            SUBGRAPH_NAMES.map((audience) =>
              new SignJWT(rest)
                .setProtectedHeader({ alg: 'EdDSA', kid: 'gw-1' })
                .setSubject(sub)
                .setIssuer(GATEWAY_ISSUER)
                .setAudience(audience)
                .setIssuedAt()
                .setExpirationTime('60s')
                .sign(privateKey),
            ),
          ),
        sync: () => Promise.resolve(SUBGRAPH_NAMES.map((audience) => signGatewayTokenSync(privateKey, 'gw-1', claims, audience))),
      },
      close: async () => undefined,
    };
  },
  /** One subgraph call as the executor makes it: Node's fetch against lean-fetch.ts, 10 in flight. */
  async fetch() {
    const server = fork(join(__dirname, 'answer-server.js'));
    const port = await new Promise<number>((resolve) => server.once('message', (m) => resolve(Number(m))));
    const url = `http://127.0.0.1:${port}/graphql`;
    const body = JSON.stringify({ query: `query { x ${'a '.repeat(300)}}`, variables: { representations: [] } });
    const headers = { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${'x'.repeat(400)}` };
    const signal = AbortSignal.timeout(3_600_000);
    setMaxListeners(0, signal); // fetch leaves its listeners on the signal until it is collected
    const inFlight = (call: () => Promise<{ headers: { get(n: string): string | null }; text(): Promise<string> }>): Work => {
      return async () => {
        const response = await call();
        response.headers.get('content-type');
        return response.text();
      };
    };
    return {
      variants: {
        fetch: concurrently(
          inFlight(() => fetch(url, { method: 'POST', headers, body, signal })),
          10,
        ),
        lean: concurrently(
          inFlight(() => leanFetch(url, { method: 'POST', headers, body, signal })),
          10,
        ),
      },
      close: async () => void server.disconnect(),
    };
  },
};

/** Ten operations at once, counted as ten. */
function concurrently(work: Work, n: number): Work & { batch: number } {
  const batch = () => Promise.all(Array.from({ length: n }, work));
  return Object.assign(batch, { batch: n });
}

async function cpuPerOperation(work: Work & { batch?: number }, operations: number): Promise<number> {
  const per = work.batch ?? 1;
  const started = process.cpuUsage();
  for (let done = 0; done < operations; done += per) await work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / operations;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
