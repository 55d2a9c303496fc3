import express from 'express';
import { listen } from '../server/http-server';
import { listenMetrics } from './metrics-server';
import { recordWithheld } from './metrics';
import { serviceTelemetry } from './request-telemetry';

/**
 * Metrics on their own port, real listeners on free ports: the public app answers `/metrics` with
 * 404 (its counters tell what records held), the metrics listener serves them and nothing else.
 */
describe('the metrics port', () => {
  it('serves /metrics on its own listener and 404 for every other path there', async () => {
    recordWithheld('R6-clinical-notes-never-leave');
    const metrics = await listenMetrics('police', { port: 0, host: '127.0.0.1', token: '' });
    try {
      expect(metrics.url).toBe(`http://127.0.0.1:${metrics.port}/metrics`);
      const response = await fetch(metrics.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toContain('# HELP hub_withheld_fields_total ');
      for (const path of ['/graphql', '/healthz', '/']) expect((await fetch(metrics.url.replace('/metrics', path))).status).toBe(404);
    } finally {
      await metrics.close();
    }
  });

  it('needs the bearer token as well when HUB_METRICS_TOKEN is set', async () => {
    const metrics = await listenMetrics('gateway', { port: 0, host: '127.0.0.1', token: 'operators-only' });
    try {
      expect((await fetch(metrics.url)).status).toBe(401);
      expect((await fetch(metrics.url, { headers: { authorization: 'Bearer wrong-one-here' } })).status).toBe(401);
      expect((await fetch(metrics.url, { headers: { authorization: 'Bearer operators-only' } })).status).toBe(200);
    } finally {
      await metrics.close();
    }
  });

  it('is 404 on the public port, before any later catch-all route', async () => {
    const app = express();
    app.use(serviceTelemetry('gateway'));
    app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
    app.use((_req, res) => void res.send('a page for every path')); // as the console's pages would
    const http = await listen(app, 0, '127.0.0.1');
    try {
      const base = `http://127.0.0.1:${http.port}`;
      for (const method of ['GET', 'POST', 'HEAD']) {
        for (const path of ['/metrics', '/metrics/', '/METRICS']) {
          const response = await fetch(`${base}${path}`, { method });
          expect({ method, path, status: response.status, body: await response.text() }).toEqual({ method, path, status: 404, body: '' });
        }
      }
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await http.close();
    }
  });
});
