import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * The hub's own database (registry and log) reached through a proxy the test cuts: what needs no
 * personal data keeps working, what does is refused honestly (503, the written message), readiness
 * says so, and everything recovers without a restart.
 */
describe('the hub database is cut', () => {
  let hub: TestHub;
  let proxy: TcpProxy;
  const through = (hubUrl: string) => {
    const url = new URL(hubUrl);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    return url.toString();
  };

  beforeAll(async () => {
    proxy = await startTcpProxy('127.0.0.1', 5432);
    hub = await startTestHub({ scale: 20, storeUrl: through, auditUrl: through });
  });
  afterAll(async () => {
    await hub?.stop();
    await proxy?.close();
  });

  const readyz = async () => {
    const response = await fetch(hub.gateway.url.replace(/graphql$/, 'readyz'));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const PERSONAL = `{ person(id: "SUBJ-000001") { police { names { fullName } } } }`;
  const PATHWAY = `{ carePathway(need: { age: 34, gender: MALE, nrmStage: POSITIVE_RG, languages: ["Polish"], area: "Birmingham" }) { options { canTakeNow service { name } } } }`;

  it('serves the directory and care pathways, refuses personal data with 503 and the written message, and recovers by itself', async () => {
    expect((await hub.query(PERSONAL)).body.data.person.police.names).toBeTruthy();
    expect((await readyz()).status).toBe(200);

    proxy.cut();
    try {
      const started = performance.now();
      const personal = await hub.query(PERSONAL);
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(personal.status).toBe(503);
      expect(personal.body.data).toBeUndefined();
      expect(personal.body.errors).toEqual([
        expect.objectContaining({
          message: 'The hub cannot check approvals right now; no personal data was disclosed. Try again shortly.',
          extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }),
        }),
      ]);
      const directory = await hub.query(`{ supportServices { name } }`);
      expect(directory.status).toBe(200);
      expect(directory.body.errors).toBeUndefined();
      expect(directory.body.data.supportServices.length).toBeGreaterThan(5);
      const pathway = await hub.query(PATHWAY, {}, { purpose: 'SERVICE_MAPPING', caseRef: null });
      expect(pathway.status).toBe(200);
      expect(pathway.body.data.carePathway.options.length).toBeGreaterThan(3);
      const ready = await readyz();
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'unavailable', store: false, log: false });
    } finally {
      proxy.restore();
    }

    // No restart: the pools open new connections once the database is back.
    let recovered = false;
    for (let i = 0; i < 20 && !recovered; i++) {
      const { status, body } = await hub.query(PERSONAL);
      recovered = status === 200 && body.data?.person?.police !== null;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recovered).toBe(true);
    expect((await readyz()).status).toBe(200);
  });

  it('fails closed within its bounded wait when the log table is locked, and the directory still answers', async () => {
    const locker = hub.store.dataSource.createQueryRunner();
    await locker.connect();
    await locker.startTransaction();
    await locker.query('LOCK TABLE disclosure_records IN ACCESS EXCLUSIVE MODE');
    try {
      const started = performance.now();
      const personal = await hub.query(PERSONAL);
      const waited = performance.now() - started;
      expect(personal.body.data).toBeUndefined();
      expect(personal.body.errors![0]!.extensions.code).toBe('AUDIT_UNAVAILABLE');
      expect(waited).toBeLessThan(4_000);
      const directory = await hub.query(`{ supportServices { name } }`);
      expect(directory.body.errors).toBeUndefined();
    } finally {
      await locker.rollbackTransaction();
      await locker.release();
    }
    expect((await hub.query(PERSONAL)).body.data.person.police.names).toBeTruthy();
  });
});
