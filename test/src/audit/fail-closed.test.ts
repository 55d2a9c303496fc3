import { createHash } from 'node:crypto';
import { receiptCommitment } from '@hub/gateway';
import { postGraphql } from '@hub/shared/testing';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { startTestHub, userHeaders, type TestHub } from '../helpers/test-hub';

/** The disclosure log is reached through a proxy this test can cut, as if its database went away. */
describe('the disclosure log fails closed', () => {
  let hub: TestHub;
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startTcpProxy('127.0.0.1', 5432);
    hub = await startTestHub({
      scale: 30,
      auditUrl: (hubUrl) => {
        const url = new URL(hubUrl);
        url.hostname = '127.0.0.1';
        url.port = String(proxy.port);
        return url.toString();
      },
    });
  });
  afterAll(async () => {
    await hub?.stop();
    await proxy?.close();
  });

  const PERSONAL = `{ person(id: "SUBJ-000001") { police { names { fullName } } support { provider } } }`;

  it('sends no personal data while the log cannot commit, keeps the directory working, and loses nothing acknowledged', async () => {
    const acknowledged: string[] = [];
    const ask = async () => {
      const { body } = await hub.query(PERSONAL);
      if (body.data?.person) acknowledged.push(body.extensions!.requestId as string);
      return body;
    };
    await Promise.all(Array.from({ length: 10 }, ask));
    expect(acknowledged).toHaveLength(10);

    proxy.cut();
    const refused = await ask();
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'AUDIT_UNAVAILABLE' }) })]);
    expect(JSON.stringify(refused)).not.toMatch(/Tomasz|Adavu/);
    const concurrent = await Promise.all(Array.from({ length: 5 }, ask));
    for (const body of concurrent) expect(body.data).toBeUndefined();

    const directory = await hub.query(`{ supportServices { name } }`);
    expect(directory.body.errors).toBeUndefined();
    expect(directory.body.data.supportServices.length).toBeGreaterThan(5);

    proxy.restore();
    await Promise.all(Array.from({ length: 10 }, ask));
    expect(acknowledged).toHaveLength(20);

    const logged = await hub.store.dataSource.query('SELECT DISTINCT request_id FROM disclosure_records WHERE request_id = ANY($1)', [
      acknowledged,
    ]);
    expect(logged.map((r: { request_id: string }) => r.request_id).sort()).toEqual([...acknowledged].sort());
  });

  it('carries a receipt: the records are on the chain before the response arrives', async () => {
    const { body } = await postGraphql(hub.gateway.url, PERSONAL, {}, await userHeaders(hub.keys));
    const receipt = body.extensions!.disclosure as Record<string, unknown>;
    // A commitment, never positions: how many records a response made depends on the data.
    expect(Object.keys(receipt).sort()).toEqual(['commitment', 'writerId']);
    const requestId = body.extensions!.requestId as string;
    const rows: { hash: string }[] = await hub.store.dataSource.query(
      'SELECT hash FROM disclosure_records WHERE writer_id = $1 AND request_id = $2 ORDER BY seq',
      [receipt.writerId, requestId],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(
      receiptCommitment(
        await saltOf(receipt.writerId as string),
        requestId,
        rows.map((r) => r.hash),
      ),
    ).toBe(receipt.commitment);
  });

  async function saltOf(writerId: string): Promise<string> {
    const [writer] = await hub.store.dataSource.query('SELECT receipt_salt FROM log_writers WHERE writer_id = $1', [writerId]);
    expect(writer.receipt_salt).toMatch(/^[0-9a-f]{64}$/);
    return writer.receipt_salt as string;
  }

  it('gives a receipt whatever the partners hold: one whose values are withheld, and one nobody holds, alike', async () => {
    // A charity caseworker asking for police addresses: R8 withholds SUBJ-000003's on its record (a
    // log record), nobody holds SUBJ-999999 (none). Both answers must look and take the same.
    const ask = async (id: string) =>
      (
        await hub.query(
          `{ person(id: "${id}") { police { currentAddress { __typename } } } }`,
          {},
          { as: 'ngo.caseworker', purpose: 'SAFEGUARDING_REFERRAL' },
        )
      ).body;
    for (const id of ['SUBJ-000003', 'SUBJ-999999']) {
      const body = await ask(id);
      expect(body.data).toEqual({ person: { police: null } });
      const receipt = body.extensions!.disclosure as { writerId: string; commitment: string };
      expect(Object.keys(receipt).sort()).toEqual(['commitment', 'writerId']);
      const requestId = body.extensions!.requestId as string;
      const rows: { hash: string }[] = await hub.store.dataSource.query(
        'SELECT hash FROM disclosure_records WHERE writer_id = $1 AND request_id = $2 ORDER BY seq',
        [receipt.writerId, requestId],
      );
      if (id === 'SUBJ-999999') expect(rows).toEqual([]);
      // A red team told the two apart: with no records the commitment was sha256 of the request id
      // alone, which the client has. Now only the writer's salt, which it never sees, makes it.
      const withoutSalt = createHash('sha256').update(`partner-hub-receipt\u001f${requestId}`).digest('hex');
      expect(receipt.commitment).not.toBe(withoutSalt);
      expect(receipt.commitment).not.toBe(receiptCommitment('', requestId, []));
      expect(
        receiptCommitment(
          await saltOf(receipt.writerId),
          requestId,
          rows.map((r) => r.hash),
        ),
      ).toBe(receipt.commitment);
    }
    // The directory asks no partner's data: no log, no receipt.
    const directory = await hub.query(`{ supportServices { name } }`);
    expect(directory.body.extensions!.disclosure).toBeUndefined();
  });
});
