import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueDevToken, loadOrCreateKeyPair } from '@hub/gateway';
import { postGraphql } from '@hub/shared/testing';
import { FIRST_QUERY } from '@hub/tools';
import { freePort } from '../helpers/free-port';
import { interrupt, startHubProcess as start } from '../helpers/hub-process';

const COUNTS = '{ label count suppressed rounded }';
const STATS_QUERY = `{ stats(period: "2025") { police { nrmReferrals ${COUNTS} nrmReferralsByNationality ${COUNTS} } support { episodesByProvider ${COUNTS} } } }`;

describe('npm start on a machine with no database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-start-'));
  let env: NodeJS.ProcessEnv;
  let gatewayUrl: string;

  beforeAll(async () => {
    const ports = await Promise.all([0, 1, 2, 3, 4].map(() => freePort()));
    env = { PATH: process.env.PATH, HUB_DATA_DIR: dataDir, HUB_DEMO_SCALE: '60' };
    ['GATEWAY', 'POLICE', 'LOCAL_AUTHORITY', 'NHS', 'NGO'].forEach((service, i) => (env[`${service}_PORT`] = String(ports[i])));
    gatewayUrl = `http://127.0.0.1:${ports[0]}/graphql`;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts embedded PostgreSQL, seeds, serves the first query, stops on Ctrl-C, and keeps the data', async () => {
    const first = await start(env);
    expect(first.output()).toMatch(/embedded PostgreSQL/);
    expect(first.output()).toMatch(/seeded the demo population/);
    // The console, on the gateway's origin, built by `npm start` before the hub starts.
    const consoleUrl = gatewayUrl.replace(/graphql$/, '');
    expect(first.output()).toContain(`Partner Hub console: ${consoleUrl}`);
    const page = await fetch(consoleUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The same key `npm run hub -- token` uses: kept under the data directory.
    const devIssuer = await loadOrCreateKeyPair(join(dataDir, 'keys'), 'dev-issuer');
    const headers = {
      authorization: `Bearer ${await issueDevToken('la.safeguarding', devIssuer)}`,
      'x-hub-purpose': 'IDENTIFY_VICTIMS',
      'x-hub-case-ref': 'BCC/MSHT/2026/0042',
    };
    const { body } = await postGraphql(gatewayUrl, FIRST_QUERY, {}, headers);
    expect(body.errors).toBeUndefined();
    expect(body.data.person.support).toEqual([{ provider: 'The Adavu Project' }]);
    // Statistics run their cell-key SQL on embedded PostgreSQL too.
    const { 'x-hub-case-ref': _caseRef, ...withoutCase } = headers;
    const statistics = { ...withoutCase, 'x-hub-purpose': 'STATISTICS' };
    const stats = await postGraphql(gatewayUrl, STATS_QUERY, {}, statistics);
    expect(stats.body.errors).toBeUndefined();
    expect(await interrupt(first.child)).toBe(0);

    const second = await start(env);
    expect(second.output()).not.toMatch(/seeded/);
    const again = await postGraphql(gatewayUrl, FIRST_QUERY, {}, headers);
    expect(again.body.data).toEqual(body.data);
    // The partner secrets are kept with the data: the same records get the same noise after a restart.
    expect((await postGraphql(gatewayUrl, STATS_QUERY, {}, statistics)).body.data).toEqual(stats.body.data);
    expect(await interrupt(second.child)).toBe(0);
  }, 200_000);
});
