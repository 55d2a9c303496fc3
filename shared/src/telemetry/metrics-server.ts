import { timingSafeEqual } from 'node:crypto';
import express, { type Express, type Request, type Response } from 'express';
import { environment } from '../config/environment';
import type { ServiceName } from '../config/services';
import { listen, type RunningHttpServer } from '../server/http-server';
import { logger } from './logger';
import { hubMetrics, metricsText } from './metrics';

/**
 * `GET /metrics` on a listener of its own (the metrics port), never on the port partner users
 * reach: counters by rule, log batch sizes and subgraph call counts move with what another
 * partner's records held, so a partner user reading them before and after one request would
 * learn what the byte-identical GraphQL response hides. Operators' scrapers alone reach this port
 * (loopback by default; NetworkPolicy from the monitoring namespace in Kubernetes).
 */

export interface MetricsListenerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Default `HUB_METRICS_HOST` (loopback). */
  host?: string;
  /** Default `HUB_METRICS_TOKEN`: when set, a scrape needs `Authorization: Bearer <token>` too. */
  token?: string;
}

export interface RunningMetricsListener {
  port: number;
  /** `http://<host>:<port>/metrics`, for operators' tools and tests. */
  url: string;
  close(): Promise<void>;
}

/** Serves this process's metrics for `service` on their own port; anything else there is 404. */
export async function listenMetrics(service: ServiceName, options: MetricsListenerOptions): Promise<RunningMetricsListener> {
  const host = options.host ?? environment().metrics.host;
  const token = options.token ?? environment().metricsToken;
  hubMetrics(); // declared before the first scrape, so every metric is listed from the start
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', (req, res) => void serveMetrics(req, res, token));
  app.use((_req, res) => void res.status(404).end());
  const http: RunningHttpServer = await listen(app, options.port, host);
  logger(service).info({ port: http.port, host }, 'metrics listening');
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return { port: http.port, url: `http://${shown}:${http.port}/metrics`, close: () => http.close() };
}

async function serveMetrics(req: Request, res: Response, token: string | undefined): Promise<void> {
  if (token && !bearerMatches(req.headers.authorization, token)) {
    res
      .status(401)
      .set('www-authenticate', 'Bearer')
      .json({ errors: [{ message: 'Refused', extensions: { code: 'UNAUTHENTICATED' } }] });
    return;
  }
  try {
    const { contentType, body } = await metricsText();
    res.set('content-type', contentType).set('cache-control', 'no-store').send(body);
  } catch (error) {
    logger('metrics').error({ err: error }, 'metrics could not be collected');
    res.status(500).end();
  }
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7).trim() : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A service's public listener and, when a metrics port is given, its metrics listener: opened and closed together. */
export async function listenWithMetrics(
  app: Express,
  service: ServiceName,
  ports: { port: number; metricsPort?: number },
): Promise<{ port: number; metricsUrl: string | undefined; close(): Promise<void> }> {
  const metrics = ports.metricsPort === undefined ? undefined : await listenMetrics(service, { port: ports.metricsPort });
  let http: RunningHttpServer;
  try {
    http = await listen(app, ports.port);
  } catch (error) {
    await metrics?.close();
    throw error;
  }
  return {
    port: http.port,
    metricsUrl: metrics?.url,
    async close() {
      await http.close();
      await metrics?.close();
    },
  };
}
