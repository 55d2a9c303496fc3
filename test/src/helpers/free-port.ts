import { createServer } from 'node:net';

/**
 * Ports for services a test starts itself. The OS's pick (`listen(0)`) comes from the ephemeral
 * range, which outgoing connections also draw their local ports from, and another jest worker may
 * be handed the same port between our check and the child's bind (seen in CI: EADDRINUSE). So each
 * worker draws from its own block below the ephemeral range (32768–60999 on Linux), and never
 * hands out a port twice.
 */
const BLOCK = 2_000;
const FIRST = 12_000;
const worker = Number(process.env.JEST_WORKER_ID ?? '1');
const blockStart = FIRST + ((worker - 1) % 10) * BLOCK;
const handedOut = new Set<number>();

/** A port nothing listens on right now, from this worker's block. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = blockStart + Math.floor(Math.random() * BLOCK);
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${blockStart}–${blockStart + BLOCK - 1}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
