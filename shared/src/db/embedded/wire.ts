/**
 * The PostgreSQL wire protocol (version 3), as much of it as the front needs: cutting a byte
 * stream into messages, and the few messages the front writes itself.
 * https://www.postgresql.org/docs/current/protocol-message-formats.html
 *
 * After start-up every message is a type byte and an int32 length that counts itself but not the
 * type byte. The start-up packets (StartupMessage, SSLRequest, GSSENCRequest, CancelRequest) have
 * no type byte: an int32 length, then an int32 code.
 */

/** Protocol 3.0 in a StartupMessage: major version in the high 16 bits. */
export const PROTOCOL_3_0 = 3 << 16;
export const SSL_REQUEST_CODE = 80877103;
export const GSSENC_REQUEST_CODE = 80877104;
export const CANCEL_REQUEST_CODE = 80877102;

/** The server's own limit for one message (PQ_LARGE_MESSAGE_LIMIT): anything longer is a broken stream. */
const MAX_MESSAGE_LENGTH = 0x3fffffff;
/** Start-up packets are small (MAX_STARTUP_PACKET_LENGTH in the server). */
const MAX_STARTUP_LENGTH = 10_000;

export interface Message {
  /** The type byte as a character: 'Q', 'P', 'Z', ... */
  type: string;
  /** The whole message, type byte and length included, ready to pass on unchanged. */
  bytes: Buffer;
}

export class ProtocolError extends Error {}

/**
 * Collects the chunks a socket delivers and hands out whole messages: TCP keeps no message
 * boundaries, so a chunk can hold several messages, or a piece of one.
 */
export class MessageReader {
  /** Chunks as they came: joined only when a message is whole, so a big message costs one copy, not one per chunk. */
  private chunks: Buffer[] = [];
  private length = 0;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The next start-up packet (no type byte), or null until all of it has arrived. */
  nextStartupPacket(): Buffer | null {
    const length = this.int32At(0);
    if (length === null) return null;
    if (length < 8 || length > MAX_STARTUP_LENGTH) throw new ProtocolError(`invalid start-up packet length ${length}`);
    return this.take(length);
  }

  /** The next typed message, or null until all of it has arrived. */
  next(): Message | null {
    const length = this.int32At(1);
    if (length === null) return null;
    if (length < 4 || length > MAX_MESSAGE_LENGTH) throw new ProtocolError(`invalid message length ${length}`);
    const bytes = this.take(1 + length);
    return bytes && { type: String.fromCharCode(bytes[0]!), bytes };
  }

  /** Every whole message buffered so far. */
  all(): Message[] {
    const messages: Message[] = [];
    for (let m = this.next(); m; m = this.next()) messages.push(m);
    return messages;
  }

  /** Bytes received but not yet handed out (part of a message). */
  get remaining(): number {
    return this.length;
  }

  private int32At(offset: number): number | null {
    if (this.length < offset + 4) return null;
    return this.first(offset + 4).readInt32BE(offset);
  }

  /** The first chunk, joined with the ones after it until it holds at least `bytes`. */
  private first(bytes: number): Buffer {
    if (this.chunks[0]!.length < bytes) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!;
  }

  private take(length: number): Buffer | null {
    if (this.length < length) return null;
    const first = this.first(length);
    // A copy unless it is the whole chunk, so that a message kept in a queue does not pin the chunk it came in.
    const taken = first.length === length ? first : Buffer.from(first.subarray(0, length));
    if (first.length === length) this.chunks.shift();
    else this.chunks[0] = first.subarray(length);
    this.length -= length;
    return taken;
  }
}

/** The messages in a buffer that holds only whole messages (a reply of the backend). */
export function messagesIn(bytes: Buffer): Message[] {
  const reader = new MessageReader();
  reader.push(bytes);
  const messages = reader.all();
  if (reader.remaining > 0) throw new ProtocolError(`${reader.remaining} bytes of an unfinished message`);
  return messages;
}

function message(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const bytes = Buffer.alloc(5 + body.length);
  bytes.write(type, 0, 'latin1');
  bytes.writeInt32BE(4 + body.length, 1);
  body.copy(bytes, 5);
  return bytes;
}

const cstring = (text: string) => Buffer.from(`${text}\0`, 'utf8');

function int32(...values: number[]): Buffer {
  const bytes = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => bytes.writeInt32BE(v, 4 * i));
  return bytes;
}

// --- Backend messages the front writes itself -------------------------------------------------

export const authenticationOk = () => message('R', int32(0));
export const backendKeyData = (processId: number, secretKey: number) => message('K', int32(processId, secretKey));
export const parameterStatus = (name: string, value: string) => message('S', Buffer.concat([cstring(name), cstring(value)]));
/** Transaction status: I idle, T in a transaction, E in a failed transaction. */
export const readyForQuery = (status: 'I' | 'T' | 'E') => message('Z', Buffer.from(status, 'latin1'));

/** The newest protocol this server speaks, to a client that asked for a newer minor version. */
export const negotiateProtocolVersion = (version: number) => message('v', int32(version, 0));

export interface ErrorFields {
  severity: 'ERROR' | 'FATAL';
  /** SQLSTATE, which drivers and callers match on. */
  code: string;
  message: string;
  hint?: string;
}

export function errorResponse(fields: ErrorFields): Buffer {
  const parts = [
    ['S', fields.severity],
    ['V', fields.severity],
    ['C', fields.code],
    ['M', fields.message],
    ...(fields.hint ? [['H', fields.hint]] : []),
  ].map(([tag, text]) => Buffer.concat([Buffer.from(tag!, 'latin1'), cstring(text!)]));
  return message('E', Buffer.concat([...parts, Buffer.alloc(1)]));
}

// --- Frontend messages the front sends the backend on a client's behalf ------------------------

export const query = (sql: string) => message('Q', cstring(sql));
export const sync = () => message('S');

export function startupMessage(parameters: Record<string, string>): Buffer {
  const body = Buffer.concat([
    int32(PROTOCOL_3_0),
    ...Object.entries(parameters).flatMap(([k, v]) => [cstring(k), cstring(v)]),
    Buffer.alloc(1),
  ]);
  return Buffer.concat([int32(4 + body.length), body]);
}

/** The ReadyForQuery status, for a 'Z' message. */
export function transactionStatus(m: Message): string {
  return String.fromCharCode(m.bytes[5]!);
}
