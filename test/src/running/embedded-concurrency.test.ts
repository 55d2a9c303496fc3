import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { loadOrCreateKeyPair } from '@hub/gateway';
import { Prng, SUBGRAPH_NAMES, subjectId, type Purpose } from '@hub/shared';
import { postGraphql, type GraphqlResponse } from '@hub/shared/testing';
import { freePort } from '../helpers/free-port';
import { emptyEmbeddedClusters, interrupt, startHubProcess, type HubProcess } from '../helpers/hub-process';
import { userHeaders } from '../helpers/test-hub';

/**
 * The whole hub as `npm start` runs it with no database configured — embedded PostgreSQL (PGlite,
 * one backend per database) for every service and the hub's store — with many requests of
 * different users in flight at once. Every answer must be the one the same request gets when it
 * is alone: an answer built from another request's rows (another user's approval, another
 * subject) is a disclosure to the wrong person, not just a failure.
 */

const USERS: { as: string; purpose: Purpose }[] = [
  { as: 'police.unapproved', purpose: 'IDENTIFY_VICTIMS' },
  { as: 'police.analyst', purpose: 'CRIMINAL_ACTIVITY' },
  { as: 'la.safeguarding', purpose: 'IDENTIFY_VICTIMS' },
  { as: 'nhs.safeguarding', purpose: 'SAFEGUARDING_REFERRAL' },
  { as: 'ngo.caseworker', purpose: 'IDENTIFY_VICTIMS' },
];

const PERSON_FIELDS = `id police { names { fullName } } health { nhsNumber } localAuthority { housing { address { uprn } } } support { provider }`;
const ACCESS = `myAccess { userId approvedPurposes }`;
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `"${subjectId(from + i)}"`).join(', ');

const QUERIES = [
  `{ person(id: "SUBJ-000001") { police { names { fullName } } health { nhsNumber } } ${ACCESS} }`,
  `{ person(id: "SUBJ-000004") { ${PERSON_FIELDS} } ${ACCESS} }`,
  `{ person(id: "SUBJ-000017") { ${PERSON_FIELDS} } }`,
  `{ people(filter: { ids: [${ids(1, 6)}] }) { ${PERSON_FIELDS} } ${ACCESS} }`,
  `{ people(filter: { ids: [${ids(7, 14)}] }) { ${PERSON_FIELDS} } }`,
  `{ people(filter: { ids: [${ids(15, 24)}] }) { ${PERSON_FIELDS} } ${ACCESS} }`,
];

const IN_FLIGHT = 16;
const TOTAL = 240;

interface Request {
  user: number;
  query: number;
}

describe('the hub on embedded PostgreSQL under concurrent requests', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-embedded-concurrency-'));
  let hub: HubProcess | undefined;
  let gatewayUrl: string;
  const headers: Record<string, string>[] = [];

  beforeAll(async () => {
    emptyEmbeddedClusters(dataDir, [...SUBGRAPH_NAMES, 'hub']);
    const ports = await Promise.all([0, 1, 2, 3, 4].map(() => freePort()));
    // No DATABASE_URL or PG* variables: the embedded path even where a PostgreSQL server answers.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HUB_DATA_DIR: dataDir, HUB_DEMO_SCALE: '60' };
    ['GATEWAY', 'POLICE', 'LOCAL_AUTHORITY', 'NHS', 'NGO'].forEach((service, i) => (env[`${service}_PORT`] = String(ports[i])));
    gatewayUrl = `http://127.0.0.1:${ports[0]}/graphql`;
    hub = await startHubProcess(env);
    expect(hub.output()).toMatch(/embedded PostgreSQL \(PGlite\) for police, local-authority, nhs, ngo, hub/);
    // The dev issuer key the hub made for `npm run hub -- token`, under its data directory.
    const devIssuer = await loadOrCreateKeyPair(join(dataDir, 'keys'), 'dev-issuer');
    for (const user of USERS) headers.push(await userHeaders({ devIssuer }, user));
  }, 90_000);
  afterAll(async () => {
    if (hub) expect(await interrupt(hub.child)).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = (r: Request) => postGraphql(gatewayUrl, QUERIES[r.query]!, {}, headers[r.user]);
  /** What is compared: the status and the body, less extensions (they carry per-request ids and timings). */
  const answer = ({ status, body }: GraphqlResponse) => ({ status, data: body.data, errors: body.errors });

  it(`answers ${TOTAL} requests, ${IN_FLIGHT} in flight, each exactly as it answers alone`, async () => {
    // The reference: every distinct (user, query) once, one at a time.
    const reference = new Map<string, ReturnType<typeof answer>>();
    const key = (r: Request) => `${r.user}/${r.query}`;
    for (let user = 0; user < USERS.length; user++) {
      for (let query = 0; query < QUERIES.length; query++) {
        const alone = answer(await send({ user, query }));
        expect(alone.status).toBeLessThan(500);
        reference.set(key({ user, query }), alone);
      }
    }
    // The reference has to tell requests apart, or a swapped answer would pass unseen.
    const distinct = new Set([...reference.values()].map((a) => JSON.stringify(a)));
    expect(distinct.size).toBeGreaterThanOrEqual(USERS.length * 4);
    // Some users are refused and some answered: both kinds are in the mix.
    expect([...reference.values()].some((a) => a.errors)).toBe(true);
    expect([...reference.values()].some((a) => !a.errors && a.data)).toBe(true);

    const prng = new Prng('embedded-concurrency');
    const requests: Request[] = Array.from({ length: TOTAL }, () => ({
      user: prng.int(0, USERS.length - 1),
      query: prng.int(0, QUERIES.length - 1),
    }));
    const outcome = { requests: 0, differing: 0, foreign: 0, serverErrors: 0, failed: 0 };
    const examples: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        outcome.requests++;
        let got: ReturnType<typeof answer>;
        try {
          got = answer(await send(request));
        } catch (error) {
          outcome.failed++;
          if (examples.length < 5) examples.push(`${key(request)}: ${(error as Error).message}`);
          continue;
        }
        if (got.status >= 500) outcome.serverErrors++;
        if (isDeepStrictEqual(got, reference.get(key(request)))) continue;
        outcome.differing++;
        // Someone else's answer: the same as the reference of another (user, query).
        if ([...reference.entries()].some(([k, a]) => k !== key(request) && isDeepStrictEqual(got, a))) outcome.foreign++;
        if (examples.length < 5) examples.push(`${USERS[request.user]!.as} query ${request.query}: ${JSON.stringify(got).slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

    if (outcome.differing > 0) {
      const logged = hub!
        .output()
        .split('\n')
        .filter((line) => /error|fail/i.test(line));
      console.log(`hub log, ${logged.length} lines about errors; the first:\n${logged.slice(0, 12).join('\n')}`);
    }
    expect({ ...outcome, examples }).toEqual({ requests: TOTAL, differing: 0, foreign: 0, serverErrors: 0, failed: 0, examples: [] });
  }, 60_000);
});
