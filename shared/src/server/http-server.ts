import { environment } from '../config/environment';
import { requestLogger } from '../telemetry/request-telemetry';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorRequestHandler, Express } from 'express';

export interface RunningHttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * Express's own error page prints the stack trace (with file paths) unless NODE_ENV is
 * production; a body over the limit or malformed JSON would show it to any caller. Every hub
 * service answers such errors the GraphQL way instead: a status, a message, a code, nothing else.
 */
export const jsonErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) requestLogger('http').error({ err: error }, 'unexpected error');
  const [message, code] =
    status === 413
      ? ['The request body is larger than the hub accepts.', 'PAYLOAD_TOO_LARGE']
      : status === 400
        ? ['The request body is not valid JSON.', 'BAD_REQUEST']
        : status < 500
          ? ['The request was refused.', 'BAD_REQUEST']
          : ['Internal error', 'INTERNAL_SERVER_ERROR'];
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};

/**
 * Listens on `port` (0 = any free port) on loopback unless `host` says otherwise. Adds
 * `jsonErrors` last, after every route the service has mounted.
 */
export function listen(app: Express, port: number, host = environment().host): Promise<RunningHttpServer> {
  app.use(jsonErrors);
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      // Keep-alive from the gateway reuses sockets; give it longer than the client's idle timeout.
      server.keepAliveTimeout = 65_000;
      const actual = (server.address() as AddressInfo).port;
      resolve({
        server,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
