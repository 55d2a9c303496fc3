import { setMaxListeners } from 'node:events';

/** One deadline per request: every subgraph call of the request is aborted when it passes. */
export interface Deadline {
  signal: AbortSignal;
  /** Epoch milliseconds. */
  at: number;
}

/**
 * A single signal for the whole request, instead of a timer and an `AbortSignal.any` per
 * subgraph call (which leaked listeners onto the executor's long-lived signal). Each fetch
 * listens to it once; a dashboard asks several partners more than ten times.
 */
export function deadlineIn(milliseconds: number, now = Date.now()): Deadline {
  const signal = AbortSignal.timeout(milliseconds);
  setMaxListeners(0, signal);
  return { signal, at: now + milliseconds };
}
