import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'pg-connection-string';
import { withDatabaseName } from '../db/database-url';
import { environmentFrom } from './environment';

describe('environmentFrom', () => {
  it('gives each owner its own database on the DATABASE_URL server', () => {
    const { databaseUrls } = environmentFrom({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/partnerhub' });
    expect(databaseUrls.police).toBe('postgres://postgres@127.0.0.1:5432/partnerhub_police');
    expect(databaseUrls['local-authority']).toBe('postgres://postgres@127.0.0.1:5432/partnerhub_local_authority');
    expect(databaseUrls.hub).toBe('postgres://postgres@127.0.0.1:5432/partnerhub_hub');
  });

  it('prefers the per-service URL', () => {
    expect(environmentFrom({ DATABASE_URL: 'postgres://a@h/x', NHS_DATABASE_URL: 'postgres://b@h/health' }).databaseUrls.nhs).toBe(
      'postgres://b@h/health',
    );
  });

  it('has no database URL when nothing is configured, so the caller embeds PostgreSQL', () => {
    expect(environmentFrom({}).databaseUrls).toEqual({});
  });

  it('keeps credentials and query when renaming the database', () => {
    expect(withDatabaseName('postgres://u:p@h:5433/a?sslmode=disable', 'b')).toBe('postgres://u:p@h:5433/b?sslmode=disable');
  });

  it('gives every service a metrics port of its own, on loopback unless HUB_METRICS_HOST says otherwise', () => {
    expect(environmentFrom({}).metrics).toEqual({
      host: '127.0.0.1',
      ports: { gateway: 9400, police: 9401, 'local-authority': 9402, nhs: 9403, ngo: 9404 },
    });
    const env = environmentFrom({ HUB_METRICS_HOST: '0.0.0.0', GATEWAY_METRICS_PORT: '9090', LOCAL_AUTHORITY_METRICS_PORT: '0' });
    expect(env.metrics).toMatchObject({ host: '0.0.0.0', ports: { gateway: 9090, 'local-authority': 0, nhs: 9403 } });
    expect(() => environmentFrom({ NHS_METRICS_PORT: 'nine' })).toThrow(/NHS_METRICS_PORT/);
    // The public port again would put the metrics where partner users reach them.
    expect(() => environmentFrom({ GATEWAY_PORT: '8080', GATEWAY_METRICS_PORT: '8080' })).toThrow(
      /GATEWAY_METRICS_PORT: must differ from GATEWAY_PORT/,
    );
  });

  it('decides what production means in one place: no dev issuer', () => {
    expect(environmentFrom({ NODE_ENV: 'production' })).toMatchObject({ production: true, devIssuerTrusted: false });
    expect(environmentFrom({})).toMatchObject({ production: false, devIssuerTrusted: true });
  });

  it('trusts the password-less dev issuer only where nobody else can reach the hub (loopback)', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) {
      expect(environmentFrom({ HUB_HOST: host })).toMatchObject({ devIssuerTrusted: true });
    }
    for (const host of ['0.0.0.0', '::', '10.1.2.3', 'hub.internal']) {
      expect(environmentFrom({ HUB_HOST: host })).toMatchObject({ devIssuerTrusted: false });
    }
  });

  it('uses the default ports and localhost subgraph URLs unless told otherwise', () => {
    const env = environmentFrom({ POLICE_PORT: '5001', NGO_URL: 'http://ngo.internal:4004/graphql' });
    expect(env.ports).toMatchObject({ gateway: 4000, police: 5001 });
    expect(env.subgraphUrls).toMatchObject({ police: 'http://127.0.0.1:5001/graphql', ngo: 'http://ngo.internal:4004/graphql' });
  });

  it('refuses a malformed value, naming the variable', () => {
    expect(() => environmentFrom({ POLICE_PORT: 'four thousand' })).toThrow(/POLICE_PORT/);
    expect(() => environmentFrom({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  describe('database passwords from secret files', () => {
    let dir: string;
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'hub-env-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const secret = (name: string, text: string) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    };

    it("puts each owner's password into its URL, the per-owner file over the shared one, as pg reads it back", () => {
      const awkward = 'p@ss:w/rd%?#é ';
      const env = environmentFrom({
        POLICE_DATABASE_URL: 'postgres://police@police-db:5432/police',
        POLICE_DATABASE_PASSWORD_FILE: secret('police', `${awkward}\n`),
        HUB_DATABASE_URL: 'postgres://hub@hub-db:5432/hub',
        DATABASE_PASSWORD_FILE: secret('shared', 'shared-secret'),
      });
      expect(parse(env.databaseUrls.police!)).toMatchObject({ user: 'police', password: awkward, host: 'police-db', database: 'police' });
      expect(parse(env.databaseUrls.hub!).password).toBe('shared-secret');
      expect(env.databaseUrls.nhs).toBeUndefined();
    });

    it('refuses a missing or empty secret file, naming the variable', () => {
      const base = { NHS_DATABASE_URL: 'postgres://nhs@db/nhs' };
      expect(() => environmentFrom({ ...base, NHS_DATABASE_PASSWORD_FILE: join(dir, 'absent') })).toThrow(
        /NHS_DATABASE_PASSWORD_FILE: cannot read .*absent \(ENOENT\)/,
      );
      expect(() => environmentFrom({ ...base, DATABASE_PASSWORD_FILE: secret('empty', '\n') })).toThrow(
        /DATABASE_PASSWORD_FILE: .* is empty/,
      );
    });
  });
});
