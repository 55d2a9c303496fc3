import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Drops every open connection and refuses new ones, like a database that went away. */
  cut(): void;
  /** Stops forwarding, on open connections and new ones, without closing anything: a hung server. */
  hang(): void;
  restore(): void;
  /** Points new connections elsewhere (a proxy made before the server it fronts). */
  retarget(host: string, port: number): void;
  /** Bytes the proxy has had from its clients so far, hung or not: whether anything was asked of the server. */
  bytesFromClients(): number;
  close(): Promise<void>;
}

/** A loopback TCP proxy to a real server, for tests that cut a connection on purpose. */
export function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let target = { host: targetHost, port: targetPort };
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  let cut = false;
  let hung = false;
  const heldWhileHung = new Set<Socket>();
  let fromClients = 0;
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    // Counted as it arrives; while hung this also reads and drops what a hung server would never answer.
    client.on('data', (chunk: Buffer) => (fromClients += chunk.length));
    if (cut) {
      client.destroy();
      return;
    }
    // Hung: the connection is accepted and then nothing ever comes back.
    if (hung) {
      heldWhileHung.add(client);
      return;
    }
    const upstream = connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => upstream.destroy());
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('close', () => pairs.delete(pair));
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as { port: number }).port,
        cut() {
          cut = true;
          for (const s of sockets) s.destroy();
        },
        hang() {
          hung = true;
          for (const [client, upstream] of pairs) {
            client.unpipe(upstream);
            upstream.unpipe(client);
            // Keep reading (and counting) what the client sends, as a hung server's kernel would accept it.
            client.resume();
          }
        },
        restore() {
          cut = false;
          hung = false;
          // Connections accepted while hung never had a server behind them: close them, as a restarted server would.
          for (const client of heldWhileHung) client.destroy();
          heldWhileHung.clear();
          for (const [client, upstream] of pairs) {
            client.pipe(upstream);
            upstream.pipe(client);
          }
        },
        retarget(host, port) {
          target = { host, port };
        },
        bytesFromClients: () => fromClients,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
