import type { Socket } from 'node:net';
import type { BackendQueue, Holder } from './backend-queue';
import { backendFreeAfter, lastTransactionStatus } from './hand-back';
import {
  authenticationOk,
  backendKeyData,
  CANCEL_REQUEST_CODE,
  errorResponse,
  GSSENC_REQUEST_CODE,
  MessageReader,
  negotiateProtocolVersion,
  PROTOCOL_3_0,
  ProtocolError,
  query,
  readyForQuery,
  SSL_REQUEST_CODE,
  sync,
  type ErrorFields,
  type Message,
} from './wire';

/** The one PostgreSQL session behind the front (PGlite). */
export interface Backend {
  /** Runs wire-protocol messages and returns the backend's whole reply. */
  exec(messages: Buffer): Promise<Buffer>;
}

/** What every connection of one front shares. */
export interface FrontContext {
  backend: Backend;
  queue: BackendQueue;
  /** ParameterStatus messages the backend sent at its own start-up, replayed to each client. */
  parameterStatus: Buffer;
  /** Whether another session may start (beyond the limit a start-up is refused, like max_connections). */
  admit(): boolean;
  log(message: string): void;
}

let nextProcessId = 1;

/**
 * One client connection to the front. The client believes it has a PostgreSQL session of its
 * own: the front answers the start-up itself, then passes the client's messages to the one
 * backend only while the client holds it (BackendQueue), from the client's first message until
 * the backend is free again (backendFreeAfter). Messages that arrive meanwhile wait here.
 */
export class FrontConnection implements Holder {
  private readonly reader = new MessageReader();
  private phase: 'startup' | 'ready' | 'closed' = 'startup';
  /** Whole messages not yet given to the backend. */
  private readonly pending: Message[] = [];
  private waiting = false;
  private holding = false;
  /** A turn on the backend is under way (exec awaited). */
  private running = false;
  /** After an extended sequence was refused: drop messages up to its Sync, as the server does after an error. */
  private skipTillSync = false;
  readonly processId = nextProcessId++;

  constructor(
    private readonly socket: Socket,
    private readonly context: FrontContext,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
  }

  /** Past start-up and not closed: a session, as max_connections counts them. */
  get inSession(): boolean {
    return this.phase === 'ready';
  }

  /**
   * Closes the connection (`end` lets what was written reach the client first); if it held the
   * backend, what it left open there is rolled back and the backend handed on.
   */
  close(how: 'destroy' | 'end' = 'destroy'): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.pending.length = 0;
    if (this.waiting) {
      this.waiting = false;
      this.context.queue.cancel(this);
    }
    // While a turn runs, it cleans up when it ends.
    if (this.holding && !this.running) void this.giveBack();
    if (how === 'end') this.socket.end();
    else this.socket.destroy();
  }

  granted(): void {
    this.waiting = false;
    if (this.phase === 'closed') {
      // Closed between its turn coming and starting: it ran nothing, so the backend is as it was given.
      this.context.queue.release(this);
      return;
    }
    this.holding = true;
    void this.run();
  }

  timedOut(waitedMs: number): void {
    this.waiting = false;
    if (this.phase === 'closed') return;
    this.refuse({
      severity: 'ERROR',
      code: '55P03', // lock_not_available, what lock_timeout raises: another session holds what this one needs
      message: `embedded PostgreSQL: waited ${waitedMs} ms for the database, which other connections held all that time`,
      hint: 'PGlite has one backend, lent to one connection at a time until its transaction ends. Set DATABASE_URL to use a PostgreSQL server.',
    });
    this.pump();
  }

  private received(chunk: Buffer): void {
    if (this.phase === 'closed') return;
    try {
      this.reader.push(chunk);
      if (this.phase === 'startup') this.startup();
      if (this.phase !== 'ready') return;
      for (const m of this.reader.all()) {
        if (this.skipTillSync) {
          if (m.type === 'S') {
            this.skipTillSync = false;
            this.write(readyForQuery('I'));
          }
          continue;
        }
        if (m.type === 'X') {
          // Terminate: the client leaves; anything it left open on the backend is rolled back.
          this.close('end');
          return;
        }
        this.pending.push(m);
      }
      this.pump();
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.fatal('08P01', `invalid frontend message: ${error.message}`); // protocol_violation
    }
  }

  /** The untyped packets before the session: SSL and GSS encryption requests, cancel, start-up. */
  private startup(): void {
    for (let packet = this.reader.nextStartupPacket(); packet; packet = this.reader.nextStartupPacket()) {
      const code = packet.readInt32BE(4);
      if (code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE) {
        // 'N': no encryption on this loopback port; the client goes on with a plain StartupMessage.
        this.write(Buffer.from('N'));
        continue;
      }
      if (code === CANCEL_REQUEST_CODE) {
        // PGlite runs a statement to its end without yielding, so there is nothing to cancel; the
        // server answers a CancelRequest by closing the connection, whatever it did.
        this.close();
        return;
      }
      if (code >>> 16 !== 3) return this.fatal('0A000', `unsupported frontend protocol ${code >>> 16}.${code & 0xffff}`);
      if (!this.context.admit()) return this.fatal('53300', 'sorry, too many clients already');
      // No password on the loopback port (trust), like PGlite's own socket server. The user and
      // database asked for are those of the one backend: PGlite has a single database.
      this.write(
        Buffer.concat([
          // A client asking for a newer 3.x learns that this server speaks 3.0, as from a server.
          ...((code & 0xffff) > 0 ? [negotiateProtocolVersion(PROTOCOL_3_0)] : []),
          authenticationOk(),
          this.context.parameterStatus,
          backendKeyData(this.processId, (Math.random() * 0x7fffffff) | 0),
          readyForQuery('I'),
        ]),
      );
      this.phase = 'ready';
      return;
    }
  }

  /** Gets the pending messages to the backend: runs them if this connection holds it, else queues. */
  private pump(): void {
    if (this.phase !== 'ready' || this.pending.length === 0) return;
    if (this.holding) {
      if (!this.running) void this.run();
    } else if (!this.waiting) {
      this.waiting = true;
      this.context.queue.acquire(this);
    }
  }

  /** A turn on the backend: pass on what is pending until nothing is, then give the backend back if it is free. */
  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.phase === 'ready' && this.holding && this.pending.length > 0) {
        const messages = this.pending.splice(0);
        const reply = await this.context.backend.exec(Buffer.concat(messages.map((m) => m.bytes)));
        if (this.phase === 'ready') this.write(reply);
        if (backendFreeAfter(messages[messages.length - 1]!.type, reply)) {
          // Handed on even if more arrived meanwhile: that waits its turn behind the others.
          this.holding = false;
          this.context.queue.release(this);
        }
      }
    } catch (error) {
      this.context.log(`embedded PostgreSQL failed: ${(error as Error).message}`);
      this.fatal('XX000', `embedded PostgreSQL failed: ${(error as Error).message}`); // internal_error
    } finally {
      this.running = false;
    }
    if (this.phase === 'closed' && this.holding) await this.giveBack();
    else this.pump();
  }

  /**
   * A client gone while it held the backend: end what it left open, as the server does when a
   * client disconnects, then hand the backend on. ROLLBACK ends a transaction, and also the
   * implicit one of an extended sequence that never got its Sync; the Sync ends that sequence.
   * After an error inside a sequence the backend skips the ROLLBACK until the Sync, so a
   * transaction still open then gets a second one.
   */
  private async giveBack(): Promise<void> {
    try {
      const reply = await this.context.backend.exec(Buffer.concat([query('ROLLBACK'), sync()]));
      if (lastTransactionStatus(reply) !== 'I') await this.context.backend.exec(query('ROLLBACK'));
    } catch (error) {
      this.context.log(`embedded PostgreSQL: rolling back after a client left failed: ${(error as Error).message}`);
    } finally {
      this.holding = false;
      this.context.queue.release(this);
    }
  }

  /**
   * Answers the first pending request with an error instead of running it, as the server does
   * when a statement fails: a Query or FunctionCall gets the error and ReadyForQuery; an
   * extended sequence gets the error, and its messages are dropped up to its Sync, which gets
   * ReadyForQuery. This connection held nothing, so its transaction status is idle.
   */
  private refuse(error: ErrorFields): void {
    this.write(errorResponse(error));
    const end = this.pending.findIndex((m) => m.type === 'Q' || m.type === 'F' || m.type === 'S');
    if (end < 0) {
      this.pending.length = 0;
      this.skipTillSync = true;
    } else {
      this.pending.splice(0, end + 1);
      this.write(readyForQuery('I'));
    }
  }

  /** A FATAL error ends the session, as in the server. */
  private fatal(code: string, message: string): void {
    if (this.phase === 'closed') return;
    this.write(errorResponse({ severity: 'FATAL', code, message }));
    this.close('end');
  }

  private write(bytes: Buffer): void {
    if (bytes.length > 0 && this.socket.writable) this.socket.write(bytes);
  }
}
