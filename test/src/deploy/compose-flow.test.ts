import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HUB_AUDIENCE, HubStore } from '@hub/gateway';
import { databaseSuffix, demoUser, dropDatabase, envPrefix, SUBGRAPH_NAMES, withDatabaseName } from '@hub/shared';
import { postGraphql, testRunId, testServerUrl } from '@hub/shared/testing';
import { FIRST_QUERY } from '@hub/tools';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { freePort } from '../helpers/free-port';
import { answers200, giveToServiceUser, hubProcess, runHub, SERVICE_MODE, type ServiceProcess } from '../helpers/service-processes';

const ISSUER = 'https://login.birmingham.gov.example/';
const USER = demoUser('la.safeguarding')!;
const OWNERS = [...SUBGRAPH_NAMES, 'hub'] as const;

/**
 * What docker-compose.yml does, without Docker: the keys job with a writable key folder and a
 * separate public folder, the subgraphs given only the public key, the gateway given a read-only
 * key folder, every service its database password as a file, all in production mode and as a
 * user the folders' permission bits bind (see SERVICE_MODE), as real processes on free ports
 * against the real PostgreSQL server. The
 * databases do not exist beforehand: the services create them, as they do on first start.
 */
describe('the compose flow, as processes', () => {
  const run = testRunId();
  let root: string;
  let keys: string;
  let publicKeys: string;
  let secrets: string;
  const urls = Object.fromEntries(OWNERS.map((o) => [o, withDatabaseName(testServerUrl(), `hubtest_${run}_${databaseSuffix(o)}`)]));
  const services: ServiceProcess[] = [];
  const base = () => ({ NODE_ENV: 'production', HUB_HOST: '127.0.0.1', HUB_DATA_DIR: join(root, 'data') });
  /** `POLICE_DATABASE_URL` without a password and `POLICE_DATABASE_PASSWORD_FILE`, as compose sets them. */
  const database = (owner: (typeof OWNERS)[number]) => ({
    [`${envPrefix(owner)}_DATABASE_URL`]: urls[owner]!,
    [`${envPrefix(owner)}_DATABASE_PASSWORD_FILE`]: join(secrets, `${databaseSuffix(owner)}_db_password`),
  });

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hub-compose-flow-'));
    chmodSync(root, 0o755);
    keys = join(root, 'keys');
    publicKeys = join(root, 'public');
    secrets = join(root, 'secrets');
    for (const dir of [keys, publicKeys]) {
      mkdirSync(dir, { mode: 0o700 });
      giveToServiceUser(dir);
    }
  });
  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await Promise.all(OWNERS.map((o) => dropDatabase(urls[o]!).catch(() => undefined)));
    rmSync(root, { recursive: true, force: true });
  });

  it('the secrets step writes one password per database, readable by the services, in a folder only its owner may list', async () => {
    const { code, output } = await runHub(['secrets', '--dir', secrets], base());
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('hub_db_password created') });
    expect(readdirSync(secrets).sort()).toEqual(OWNERS.map((o) => `${databaseSuffix(o)}_db_password`).sort());
    expect(statSync(secrets).mode & 0o777).toBe(0o700);
    expect(statSync(join(secrets, 'police_db_password')).mode & 0o777).toBe(0o644);
    // The services read them through this folder here; in compose they are bind-mounted one by one.
    chmodSync(secrets, 0o755);
  });

  it('the keys job creates the gateway and audit keys (no dev issuer in production) and publishes the public key alone', async () => {
    const env = { ...base(), HUB_KEY_DIR: keys, HUB_PUBLIC_KEY_DIR: publicKeys };
    const first = await runHub(['keys'], env, { asServiceUser: true });
    expect(first.code).toBe(0);
    expect(readdirSync(keys).sort()).toEqual([
      'audit.private.jwk.json',
      'audit.public.jwk.json',
      'gateway.private.jwk.json',
      'gateway.public.jwk.json',
    ]);
    expect(readdirSync(publicKeys)).toEqual(['gateway.public.jwk.json']);
    // A second run (every `docker compose up`) keeps them.
    const again = await runHub(['keys'], env, { asServiceUser: true });
    expect(again.output).toMatch(/gateway key \S+ kept.*\n.*audit key \S+ kept/);
    chmodSync(keys, 0o555);
    chmodSync(publicKeys, 0o555);
  });

  it('a gateway whose read-only key folder lacks the audit key stops at once, naming the file and the fix, and writes nothing', async () => {
    const partial = join(root, 'partial-keys');
    mkdirSync(partial);
    copyFileSync(join(keys, 'gateway.private.jwk.json'), join(partial, 'gateway.private.jwk.json'));
    giveToServiceUser(join(partial, 'gateway.private.jwk.json'));
    chmodSync(partial, 0o555);
    const { code, output } = await runHub(
      ['serve', 'gateway'],
      { ...base(), ...database('hub'), HUB_KEY_DIR: partial, GATEWAY_PORT: String(await freePort()) },
      { asServiceUser: true },
    );
    expect(code).toBe(1);
    expect(output).toContain(`the audit key ${join(partial, 'audit.private.jwk.json')} does not exist and ${partial} is read-only here`);
    expect(output).toContain('hub keys');
    expect(output).not.toMatch(/EACCES|EROFS/);
    expect(readdirSync(partial)).toEqual(['gateway.private.jwk.json']);
  });

  it('starts the subgraphs with only the public key, seeds them, starts the gateway on the read-only keys, and answers a first query', async () => {
    const began = Date.now();
    const ports = Object.fromEntries(await Promise.all([...SUBGRAPH_NAMES, 'gateway'].map(async (s) => [s, await freePort()] as const)));
    for (const name of SUBGRAPH_NAMES) {
      const env = { ...base(), ...database(name), [`${envPrefix(name)}_PORT`]: String(ports[name]), HUB_PUBLIC_KEY_DIR: publicKeys };
      services.push(hubProcess(['serve', name], env, { asServiceUser: true }));
    }
    await Promise.all(SUBGRAPH_NAMES.map((name) => answers200(`http://127.0.0.1:${ports[name]}/readyz`, 90_000)));
    const subgraphsUp = Date.now();

    // An operator's one-off seeding, against the databases the subgraphs created and migrated.
    const seeded = await runHub(['seed', '--scale', '20'], { ...base(), ...Object.assign({}, ...SUBGRAPH_NAMES.map(database)) });
    expect(seeded.code).toBe(0);

    // A partner's identity provider, trusted by its inline keys.
    const idp = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const issuers = join(root, 'trusted-issuers.json');
    writeFileSync(issuers, JSON.stringify([{ issuer: ISSUER, orgs: [USER.org], jwks: { keys: [await exportJWK(idp.publicKey)] } }]));
    chmodSync(issuers, 0o644);

    const gateway = hubProcess(
      ['serve', 'gateway'],
      {
        ...base(),
        ...database('hub'),
        HUB_KEY_DIR: keys,
        HUB_TRUSTED_ISSUERS_FILE: issuers,
        GATEWAY_PORT: String(ports.gateway),
        ...Object.fromEntries(SUBGRAPH_NAMES.map((s) => [`${envPrefix(s)}_URL`, `http://127.0.0.1:${ports[s]}/graphql`])),
      },
      { asServiceUser: true },
    );
    services.push(gateway);
    const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
    await answers200(`${gatewayUrl}/healthz`, 90_000);
    await answers200(`${gatewayUrl}/readyz`, 10_000);
    const gatewayUp = Date.now();

    // The hub's representative approves the user in the registry.
    const store = await HubStore.open(urls.hub!);
    try {
      await store.approve({ issuer: ISSUER, userId: USER.id, org: USER.org, roles: USER.roles, ...USER.approval! });
    } finally {
      await store.close();
    }
    const token = await new SignJWT({ org: USER.org, roles: USER.roles, name: USER.name })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
      .setSubject(USER.id)
      .setIssuer(ISSUER)
      .setAudience(HUB_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(idp.privateKey);
    const { status, body } = await postGraphql(
      `${gatewayUrl}/graphql`,
      FIRST_QUERY,
      {},
      { authorization: `Bearer ${token}`, 'x-hub-purpose': 'IDENTIFY_VICTIMS', 'x-hub-case-ref': 'BCC/MSHT/2026/0042' },
    );
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data.person.id).toBe('SUBJ-000001');
    for (const branch of ['police', 'localAuthority', 'health', 'support']) expect(body.data.person[branch]).not.toBeNull();

    // The gateway wrote nothing into its key folder; the subgraphs never had it.
    expect(readdirSync(keys)).toHaveLength(4);
    console.log(
      `compose flow (services as ${SERVICE_MODE.describe}): 4 subgraphs ready in ${(subgraphsUp - began) / 1000} s, ` +
        `gateway ready ${(gatewayUp - subgraphsUp) / 1000} s later (seeding included), first query answered`,
    );

    // `docker stop`: each exits cleanly, and the log they leave verifies with the public key alone.
    expect(await Promise.all(services.splice(0).map((s) => s.stop()))).toEqual([0, 0, 0, 0, 0]);
    const verify = await runHub(['audit', 'verify'], { ...base(), ...database('hub'), HUB_KEY_DIR: keys });
    expect(verify.output).toMatch(/disclosure log OK: [1-9]\d* records from 1 writers/);
    expect(verify.code).toBe(0);
    // Its own waits allow 90 s for the subgraphs and 90 s for the gateway (a loaded machine).
  }, 240_000);
});
