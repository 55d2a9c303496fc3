/** A client of the one backend: told when it has the backend, or that it waited too long. */
export interface Holder {
  granted(): void;
  /** Taken out of the queue after `waitedMs`: it does not have the backend. */
  timedOut(waitedMs: number): void;
}

interface Waiting {
  holder: Holder;
  since: number;
  timer: NodeJS.Timeout;
}

/**
 * Who has the one backend, and who waits for it, first come first served. The backend is a
 * single PostgreSQL session: whoever holds it owns its transaction and half-finished protocol
 * exchanges, so it is lent to one client at a time, and handed on only when that client gives it
 * back (see backendFreeAfter). A client that waits longer than `waitTimeoutMs` is taken out of
 * the queue and told, so that a caller gets an error instead of hanging behind a transaction that
 * never ends.
 */
export class BackendQueue {
  private holder: Holder | null = null;
  private readonly waiting: Waiting[] = [];
  private readonly whenFree: (() => void)[] = [];

  constructor(private readonly waitTimeoutMs: number) {}

  /** Asks for the backend: granted() now if it is free and nobody waits, else in turn. */
  acquire(holder: Holder): void {
    if (this.holder === holder || this.waiting.some((w) => w.holder === holder)) throw new Error('already holds or waits for the backend');
    if (this.holder === null && this.waiting.length === 0) {
      this.holder = holder;
      holder.granted();
      return;
    }
    const since = Date.now();
    const timer = setTimeout(() => {
      this.remove(holder);
      holder.timedOut(Date.now() - since);
    }, this.waitTimeoutMs);
    timer.unref?.();
    this.waiting.push({ holder, since, timer });
  }

  /** Gives the backend back; the next in the queue gets it. */
  release(holder: Holder): void {
    if (this.holder !== holder) throw new Error('released a backend it did not hold');
    this.holder = null;
    const next = this.waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      this.holder = next.holder;
      // Not inside the releasing client's call stack: each client's turn starts on its own.
      queueMicrotask(() => next.holder.granted());
    } else {
      this.whenFree.splice(0).forEach((resolve) => resolve());
    }
  }

  /** Leaves the queue (a client that disconnected while waiting). */
  cancel(holder: Holder): void {
    this.remove(holder);
  }

  holds(holder: Holder): boolean {
    return this.holder === holder;
  }

  get length(): number {
    return this.waiting.length;
  }

  /** Resolves once nobody holds the backend and nobody waits. */
  free(): Promise<void> {
    if (this.holder === null && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.whenFree.push(resolve));
  }

  private remove(holder: Holder): void {
    const i = this.waiting.findIndex((w) => w.holder === holder);
    if (i < 0) return;
    clearTimeout(this.waiting[i]!.timer);
    this.waiting.splice(i, 1);
    if (this.holder === null && this.waiting.length === 0) this.whenFree.splice(0).forEach((resolve) => resolve());
  }
}
