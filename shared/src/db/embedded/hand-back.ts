import { messagesIn, transactionStatus } from './wire';

/**
 * Extended-protocol messages (Parse, Bind, Describe, Execute, Close, Flush). Until the Sync that
 * ends them, the backend keeps what they built for this client — the unnamed statement and
 * portal, and after an error a "skip until Sync" state — so another client's messages must not
 * come in between.
 */
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H']);

/** Messages the backend may send whenever it likes (notification, notice, parameter status). */
const ASYNCHRONOUS = new Set(['A', 'N', 'S']);

/**
 * Whether, once the backend answered `reply` to messages ending with one of type `lastSent`, it
 * is free for another client: nothing of this client's is left on it. That is when its last word
 * is ReadyForQuery with status idle ('Z' 'I') — the end of a Query, Sync or FunctionCall outside
 * a transaction — and the client has not begun another extended sequence since. In a transaction
 * ('T') or a failed one ('E'), in the middle of Parse/Bind/Execute, or in COPY, it is not.
 *
 * The ReadyForQuery has to be the reply's last message: a Query the backend skipped (it does
 * until the Sync after an error) answers nothing, so a 'Z' 'I' from earlier in the reply would
 * not be about it, but then an ErrorResponse came after that 'Z'.
 */
export function backendFreeAfter(lastSent: string, reply: Buffer): boolean {
  if (EXTENDED.has(lastSent)) return false;
  const messages = messagesIn(reply);
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.type === 'Z') return transactionStatus(m) === 'I';
    if (!ASYNCHRONOUS.has(m.type)) return false;
  }
  return false;
}

/** The status of the reply's last ReadyForQuery, if it has one. */
export function lastTransactionStatus(reply: Buffer): string | undefined {
  const ready = messagesIn(reply).filter((m) => m.type === 'Z');
  return ready.length > 0 ? transactionStatus(ready[ready.length - 1]!) : undefined;
}
