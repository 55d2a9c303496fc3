import { connect } from 'node:net';
import { Client } from 'pg';
import type { Backend } from './front-connection';
import { startPostgresFront, type PostgresFront } from './pglite-front';
import { bind, execute, flush, parse, RawPostgresClient } from '../../testing/raw-postgres-client';
import {
  CANCEL_REQUEST_CODE,
  errorResponse,
  MessageReader,
  messagesIn,
  parameterStatus,
  query,
  readyForQuery,
  SSL_REQUEST_CODE,
  startupMessage,
  sync,
  type Message,
} from './wire';

/**
 * The front with a stand-in backend (PGlite itself cannot load in Jest's sandbox; the hub's
 * embedded-concurrency test runs the real one): a session that keeps a transaction status,
 * answers each message the way PostgreSQL frames its answer, and logs what it ran, in order.
 * Each exchange yields to the event loop first, as PGlite's does, so other connections' messages
 * arrive meanwhile.
 */
class StandInBackend implements Backend {
  status: 'I' | 'T' | 'E' = 'I';
  readonly ran: string[] = [];

  async exec(bytes: Buffer): Promise<Buffer> {
    await new Promise((resolve) => setTimeout(resolve, 2));
    if (bytes[0] === 0) return Buffer.concat([parameterStatus('server_version', '18.0'), readyForQuery('I')]);
    return Buffer.concat(messagesIn(bytes).map((m) => this.answer(m)));
  }

  private answer(m: Message): Buffer {
    const text = m.bytes.subarray(5).toString().split('\0').filter(Boolean).join(' ');
    this.ran.push(m.type === 'Q' || m.type === 'P' ? `${m.type} ${text}` : m.type);
    switch (m.type) {
      case 'Q':
        if (/^fail/.test(text)) {
          if (this.status === 'T') this.status = 'E';
          return Buffer.concat([errorResponse({ severity: 'ERROR', code: '42601', message: 'failed' }), readyForQuery(this.status)]);
        }
        if (/^BEGIN/.test(text)) this.status = 'T';
        if (/^(COMMIT|ROLLBACK)/.test(text)) this.status = 'I';
        return Buffer.concat([backendMessage('C', `${text.split(' ')[0]}\0`), readyForQuery(this.status)]);
      case 'P':
        return backendMessage('1');
      case 'B':
        return backendMessage('2');
      case 'D':
        return backendMessage('n');
      case 'E':
        return backendMessage('C', 'SELECT 0\0');
      case 'S':
        return readyForQuery(this.status);
      default:
        return Buffer.alloc(0);
    }
  }
}

function backendMessage(type: string, body = ''): Buffer {
  const bytes = Buffer.alloc(5 + Buffer.byteLength(body));
  bytes.write(type, 0, 'latin1');
  bytes.writeInt32BE(4 + Buffer.byteLength(body), 1);
  bytes.write(body, 5);
  return bytes;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the PostgreSQL front of the embedded database', () => {
  let backend: StandInBackend;
  let front: PostgresFront;
  const clients: Client[] = [];
  const raws: RawPostgresClient[] = [];
  const logged: string[] = [];

  async function start(options: { waitTimeoutMs?: number; maxConnections?: number } = {}) {
    backend = new StandInBackend();
    front = await startPostgresFront(backend, { ...options, log: (m) => logged.push(m) });
    backend.ran.length = 0; // the front's own start-up exchange
  }
  async function client(): Promise<Client> {
    const c = new Client({ connectionString: `postgres://postgres@127.0.0.1:${front.port}/postgres` });
    c.on('error', () => undefined);
    await c.connect();
    clients.push(c);
    return c;
  }
  async function raw(): Promise<RawPostgresClient> {
    const r = await RawPostgresClient.open(front.port);
    raws.push(r);
    return r;
  }

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
    raws.splice(0).forEach((r) => r.socket.destroy());
    await front.stop();
    expect(logged).toEqual([]);
  });

  it('answers the start-up itself, with the backend’s server parameters, and no encryption', async () => {
    await start();
    const socket = connect(front.port, '127.0.0.1');
    const reader = new MessageReader();
    const first = new Promise<Buffer>((resolve) => socket.once('data', resolve));
    socket.write(Buffer.from([0, 0, 0, 8, ...int32Bytes(SSL_REQUEST_CODE)]));
    expect((await first).toString()).toBe('N');
    const answered = new Promise<string[]>((resolve) => {
      const got: string[] = [];
      socket.on('data', (chunk) => {
        reader.push(chunk);
        got.push(...reader.all().map((m) => (m.type === 'S' ? `S ${m.bytes.subarray(5).toString().replace(/\0/g, ' ').trim()}` : m.type)));
        if (got.includes('Z')) resolve(got);
      });
    });
    socket.write(startupMessage({ user: 'postgres', database: 'postgres', application_name: 'test' }));
    expect(await answered).toEqual(['R', 'S server_version 18.0', 'K', 'Z']);
    expect(backend.ran).toEqual([]); // the backend was not needed for that
    socket.destroy();
  });

  it('serves pg clients, simple and extended protocol', async () => {
    await start();
    const c = await client();
    await c.query('SELECT 1');
    await c.query('SELECT $1::int', [1]);
    expect(backend.ran).toEqual(['Q SELECT 1', 'P SELECT $1::int', 'B', 'D', 'E', 'S']);
  });

  it('lends the backend to a transaction until it ends: other connections wait', async () => {
    await start();
    const [a, b] = [await client(), await client()];
    await a.query('BEGIN');
    const waiting = b.query('SELECT $1::text', ['b']);
    await pause(30);
    await a.query('SELECT a');
    await a.query('COMMIT');
    await waiting;
    expect(backend.ran).toEqual(['Q BEGIN', 'Q SELECT a', 'Q COMMIT', 'P SELECT $1::text', 'B', 'D', 'E', 'S']);
  });

  it('keeps a failed transaction with its connection until the ROLLBACK', async () => {
    await start();
    const [a, b] = [await client(), await client()];
    await a.query('BEGIN');
    await expect(a.query('fail')).rejects.toThrow('failed');
    const waiting = b.query('SELECT b');
    await pause(30);
    await a.query('ROLLBACK');
    await waiting;
    expect(backend.ran).toEqual(['Q BEGIN', 'Q fail', 'Q ROLLBACK', 'Q SELECT b']);
  });

  it('keeps an extended sequence together up to its Sync, even sent in pieces', async () => {
    await start();
    const r = await raw();
    const b = await client();
    r.send(parse('SELECT r'), bind(), execute(), flush());
    expect(await r.until('C')).toEqual(['1', '2', 'C']);
    const waiting = b.query('SELECT b');
    await pause(30);
    r.send(sync());
    expect(await r.until('Z')).toEqual(['ZI']);
    await waiting;
    expect(backend.ran).toEqual(['P SELECT r', 'B', 'E', 'H', 'S', 'Q SELECT b']);
  });

  it('rolls back what a vanished client left open, then hands the backend on', async () => {
    await start();
    const r = await raw();
    const b = await client();
    r.send(query('BEGIN'));
    await r.until('Z');
    r.send(parse('INSERT r'), bind(), execute(), flush());
    await r.until('C');
    const waiting = b.query('SELECT b');
    await pause(30);
    r.socket.destroy();
    await waiting;
    expect(backend.ran).toEqual(['Q BEGIN', 'P INSERT r', 'B', 'E', 'H', 'Q ROLLBACK', 'S', 'Q SELECT b']);
    expect(backend.status).toBe('I');
  });

  it('rolls back the transaction of a client that says Terminate', async () => {
    await start();
    const a = await client();
    await a.query('BEGIN');
    await a.end();
    await pause(30);
    expect(backend.ran).toEqual(['Q BEGIN', 'Q ROLLBACK', 'S']);
    expect(backend.status).toBe('I');
  });

  it('fails a request that waited too long with SQLSTATE 55P03, and the connection goes on', async () => {
    await start({ waitTimeoutMs: 100 });
    const [a, b] = [await client(), await client()];
    await a.query('BEGIN');
    const started = Date.now();
    await expect(b.query('SELECT $1::text', ['b'])).rejects.toMatchObject({
      code: '55P03',
      message: expect.stringMatching(/^embedded PostgreSQL: waited \d+ ms for the database, which other connections held/),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    await expect(b.query('SELECT b')).rejects.toMatchObject({ code: '55P03' });
    await a.query('COMMIT');
    await b.query('SELECT b');
    expect(backend.ran).toEqual(['Q BEGIN', 'Q COMMIT', 'Q SELECT b']);
  });

  it('refuses an extended sequence without its Sync as the server would: the error, then nothing until the Sync', async () => {
    await start({ waitTimeoutMs: 50 });
    const a = await client();
    const r = await raw();
    await a.query('BEGIN');
    r.send(parse('SELECT r'), bind(), execute(), flush());
    expect(await r.until('E')).toEqual(['E']);
    r.send(execute(), sync());
    expect(await r.until('Z')).toEqual(['ZI']);
    await a.query('COMMIT');
    expect(backend.ran).toEqual(['Q BEGIN', 'Q COMMIT']);
  });

  it('refuses sessions beyond the limit, like max_connections', async () => {
    await start({ maxConnections: 1 });
    await client();
    await expect(client()).rejects.toMatchObject({ code: '53300' });
  });

  it('closes a CancelRequest connection (PGlite cannot be interrupted)', async () => {
    await start();
    const socket = connect(front.port, '127.0.0.1');
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(Buffer.from([0, 0, 0, 16, ...int32Bytes(CANCEL_REQUEST_CODE), 0, 0, 0, 1, 0, 0, 0, 2]));
    await closed;
  });

  it('stops with a client in a transaction: rolled back before the backend is let go', async () => {
    await start();
    const a = await client();
    await a.query('BEGIN');
    await front.stop();
    expect(backend.ran).toEqual(['Q BEGIN', 'Q ROLLBACK', 'S']);
    expect(backend.status).toBe('I');
  });
});

function int32Bytes(n: number): number[] {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return [...b];
}
