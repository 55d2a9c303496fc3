import { createServer, type Server, type Socket } from 'node:net';
import { leanFetch, PARTNER_SOCKET_IDLE_MS } from './lean-fetch';

/**
 * A partner over raw TCP that answers the first request on each connection and then, like a
 * server whose idle timeout fires as a kept-alive socket is reused, closes the connection on the
 * next one without answering (or on every request, with `always`).
 */
function closingPartner(always = false): Promise<{
  url: string;
  requests: () => number;
  connections: () => number;
  /** Resolves when the gateway ends a connection (not the partner), with how long it sat idle first. */
  gatewayClosed: () => Promise<number>;
  close(): Promise<void>;
}> {
  let requests = 0;
  let connections = 0;
  const sockets = new Set<Socket>();
  const closedByGateway: ((idleMs: number) => void)[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    connections += 1;
    let lastAnswered = Date.now();
    socket.on('end', () => closedByGateway.shift()?.(Date.now() - lastAnswered));
    let onThisSocket = 0;
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n\r\n'); end >= 0; end = buffered.indexOf('\r\n\r\n')) {
        const length = Number(/content-length: (\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        buffered = buffered.slice(end + 4 + length);
        requests += 1;
        onThisSocket += 1;
        if (always || onThisSocket > 1) {
          socket.destroy();
          return;
        }
        socket.write(
          'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: keep-alive\r\n\r\n{"data":{}}',
        );
        lastAnswered = Date.now();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}/graphql`,
        requests: () => requests,
        connections: () => connections,
        gatewayClosed: () => new Promise<number>((done) => closedByGateway.push(done)),
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    }),
  );
}

/** Runs `use` against a fresh closingPartner, closed afterwards whatever happens. */
async function withPartner(use: (partner: Awaited<ReturnType<typeof closingPartner>>) => Promise<void>, always = false): Promise<void> {
  const partner = await closingPartner(always);
  try {
    await use(partner);
  } finally {
    await partner.close();
  }
}

const post = (url: string) =>
  leanFetch(url, { method: 'POST', body: '{"query":"{ __typename }"}', headers: { 'content-type': 'application/json' } });

describe('leanFetch', () => {
  it('makes a call once more when the partner closed the kept-alive socket it was sent on, before answering', async () => {
    await withPartner(async (partner) => {
      expect(await (await post(partner.url)).text()).toBe('{"data":{}}');
      // Sent on the kept-alive socket, which the partner closes: sent again on a new one.
      expect(await (await post(partner.url)).text()).toBe('{"data":{}}');
      expect(partner.requests()).toBe(3);
    });
  });

  it('makes that call again on a new connection, not on another kept-alive socket the partner may have closed too', async () => {
    await withPartner(async (partner) => {
      // Two calls at once leave two kept-alive sockets; the partner closes each on its next request.
      await Promise.all([post(partner.url), post(partner.url)]);
      expect(partner.connections()).toBe(2);
      // The call takes one of them and is closed on; taking the other would be closed on too.
      expect(await (await post(partner.url)).text()).toBe('{"data":{}}');
      expect(partner.connections()).toBe(3);
      expect(partner.requests()).toBe(4);
    });
  });

  it('closes a kept-alive socket after it sat idle for PARTNER_SOCKET_IDLE_MS, well before a partner would', async () => {
    await withPartner(async (partner) => {
      const closed = partner.gatewayClosed();
      await post(partner.url);
      // A gateway that never closes it fails here rather than hanging the suite.
      let timer: NodeJS.Timeout | undefined;
      const idleMs = await Promise.race([
        closed,
        new Promise<number>((done) => (timer = setTimeout(() => done(Infinity), PARTNER_SOCKET_IDLE_MS + 3_000))),
      ]);
      clearTimeout(timer);
      expect(idleMs).toBeGreaterThanOrEqual(PARTNER_SOCKET_IDLE_MS - 50);
      expect(idleMs).toBeLessThan(PARTNER_SOCKET_IDLE_MS + 2_000);
      // The next call opens a new connection rather than meeting a closed one.
      expect(await (await post(partner.url)).text()).toBe('{"data":{}}');
      expect(partner.connections()).toBe(2);
      expect(partner.requests()).toBe(2);
    });
  }, 15_000);

  it('does not retry a call on a fresh socket, nor more than once', async () => {
    await withPartner(async (partner) => {
      await expect(post(partner.url)).rejects.toThrow(/socket hang up|ECONNRESET/);
      expect(partner.requests()).toBe(1);
    }, true);
  });
});
