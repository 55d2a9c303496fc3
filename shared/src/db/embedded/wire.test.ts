import {
  errorResponse,
  MessageReader,
  messagesIn,
  ProtocolError,
  query,
  readyForQuery,
  startupMessage,
  sync,
  SSL_REQUEST_CODE,
} from './wire';

const parse = (sql: string) => Buffer.concat([Buffer.from('P'), int32(4 + sql.length + 4), Buffer.from(`\0${sql}\0`), Buffer.from([0, 0])]);
function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

describe('MessageReader', () => {
  const stream = Buffer.concat([query('SELECT 1'), parse('SELECT $1'), sync(), query('')]);

  it('hands out whole messages however the stream is cut into chunks', () => {
    // Every cut point, including inside the type byte and the length.
    for (let cut = 0; cut <= stream.length; cut++) {
      const reader = new MessageReader();
      const got: string[] = [];
      for (const chunk of [stream.subarray(0, cut), stream.subarray(cut)]) {
        reader.push(chunk);
        got.push(...reader.all().map((m) => m.type));
      }
      expect(got).toEqual(['Q', 'P', 'S', 'Q']);
      expect(reader.remaining).toBe(0);
    }
  });

  it('gives back each message byte for byte, and keeps the rest of a message for later', () => {
    const reader = new MessageReader();
    reader.push(stream.subarray(0, stream.length - 2));
    const messages = reader.all();
    expect(Buffer.concat(messages.map((m) => m.bytes))).toEqual(stream.subarray(0, stream.length - query('').length));
    expect(reader.remaining).toBe(query('').length - 2);
    expect(reader.next()).toBeNull();
  });

  it('reads the untyped start-up packets', () => {
    const ssl = Buffer.concat([int32(8), int32(SSL_REQUEST_CODE)]);
    const startup = startupMessage({ user: 'postgres', database: 'postgres' });
    const reader = new MessageReader();
    reader.push(Buffer.concat([ssl, startup.subarray(0, 5)]));
    expect(reader.nextStartupPacket()).toEqual(ssl);
    expect(reader.nextStartupPacket()).toBeNull();
    reader.push(Buffer.concat([startup.subarray(5), sync()]));
    expect(reader.nextStartupPacket()).toEqual(startup);
    expect(reader.next()?.type).toBe('S');
  });

  it('refuses a length no PostgreSQL message can have', () => {
    const reader = new MessageReader();
    reader.push(Buffer.concat([Buffer.from('Q'), int32(2)]));
    expect(() => reader.next()).toThrow(ProtocolError);
    const startup = new MessageReader();
    startup.push(int32(1 << 20));
    expect(() => startup.nextStartupPacket()).toThrow(ProtocolError);
  });
});

describe('messages the front writes', () => {
  it('frames an ErrorResponse as fields ending in a zero byte', () => {
    const bytes = errorResponse({ severity: 'ERROR', code: '55P03', message: 'waited', hint: 'wait less' });
    expect(bytes[0]).toBe('E'.charCodeAt(0));
    expect(bytes.readInt32BE(1)).toBe(bytes.length - 1);
    expect(bytes.subarray(5).toString()).toBe('SERROR\0VERROR\0C55P03\0Mwaited\0Hwait less\0\0');
  });

  it('frames ReadyForQuery with the transaction status', () => {
    expect(readyForQuery('T')).toEqual(Buffer.from([0x5a, 0, 0, 0, 5, 0x54]));
  });

  it('splits a reply of whole messages, and says when one is unfinished', () => {
    const reply = Buffer.concat([readyForQuery('I'), readyForQuery('T')]);
    expect(messagesIn(reply).map((m) => m.bytes[5])).toEqual([0x49, 0x54]);
    expect(() => messagesIn(reply.subarray(0, 8))).toThrow(/unfinished/);
  });
});
