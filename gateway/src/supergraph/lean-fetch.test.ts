import { createServer, type Server, type Socket } from 'node:net';
import { leanFetch } from './lean-fetch';

/**
 * A partner over raw TCP that answers the first request on each connection and then, like a
 * server whose idle timeout fires as a kept-alive socket is reused, closes the connection on the
 * next one without answering (or on every request, with `always`).
 */
function closingPartner(always = false): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
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
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}/graphql`,
        requests: () => requests,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    }),
  );
}

const post = (url: string) =>
  leanFetch(url, { method: 'POST', body: '{"query":"{ __typename }"}', headers: { 'content-type': 'application/json' } });

describe('leanFetch', () => {
  it('makes a call once more when the partner closed the kept-alive socket it was sent on, before answering', async () => {
    const partner = await closingPartner();
    try {
      expect(await (await post(partner.url)).text()).toBe('{"data":{}}');
      // Sent on the kept-alive socket, which the partner closes: sent again on a new one.
      expect(await (await post(partner.url)).text()).toBe('{"data":{}}');
      expect(partner.requests()).toBe(3);
    } finally {
      await partner.close();
    }
  });

  it('does not retry a call on a fresh socket, nor more than once', async () => {
    const partner = await closingPartner(true);
    try {
      await expect(post(partner.url)).rejects.toThrow(/socket hang up|ECONNRESET/);
      expect(partner.requests()).toBe(1);
    } finally {
      await partner.close();
    }
  });
});
