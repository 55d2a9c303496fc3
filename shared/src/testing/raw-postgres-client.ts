import { connect, type Socket } from 'node:net';
import { MessageReader, startupMessage, type Message } from '../db/embedded/wire';

/** A frontend message, for a client that speaks the protocol by hand. Strings are sent NUL-terminated. */
export function frontendMessage(type: string, ...parts: (string | number[])[]): Buffer {
  const body = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(`${p}\0`) : Buffer.from(p))));
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

/** Parse, Bind (no parameters, text results), Execute (all rows) and Flush of the unnamed statement and portal. */
export const parse = (sql: string) => frontendMessage('P', '', sql, [0, 0]);
export const bind = () => frontendMessage('B', '', '', [0, 0, 0, 0, 0, 0]);
export const execute = () => frontendMessage('E', '', [0, 0, 0, 0]);
export const flush = () => frontendMessage('H');

/**
 * A PostgreSQL connection driven message by message: what pg does not let a test do — stop in
 * the middle of an extended sequence, or vanish with a transaction open.
 */
export class RawPostgresClient {
  readonly socket: Socket;
  private readonly reader = new MessageReader();
  private readonly received: Message[] = [];
  private notify: (() => void) | undefined;

  private constructor(port: number, host: string) {
    this.socket = connect(port, host);
    this.socket.on('data', (chunk) => {
      this.reader.push(chunk);
      this.received.push(...this.reader.all());
      this.notify?.();
    });
    this.socket.on('error', () => undefined);
  }

  static async open(port: number, host = '127.0.0.1'): Promise<RawPostgresClient> {
    const client = new RawPostgresClient(port, host);
    client.send(startupMessage({ user: 'postgres', database: 'postgres' }));
    await client.until('Z');
    return client;
  }

  send(...messages: Buffer[]): void {
    this.socket.write(Buffer.concat(messages));
  }

  /** The types of the messages received up to and including the first of `type` ('Z' with its status: 'ZI', 'ZT'). */
  async until(type: string): Promise<string[]> {
    for (;;) {
      const i = this.received.findIndex((m) => m.type === type);
      if (i >= 0) return this.received.splice(0, i + 1).map((m) => (m.type === 'Z' ? `Z${String.fromCharCode(m.bytes[5]!)}` : m.type));
      await new Promise<void>((resolve) => (this.notify = resolve));
    }
  }
}
