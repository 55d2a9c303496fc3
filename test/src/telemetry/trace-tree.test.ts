import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { FIXED_PROPERTIES, FIXED_SUBJECTS, SUBGRAPH_NAMES } from '@hub/shared';
import { startInMemoryTracing, type TestTracing } from '@hub/shared/testing';
import { FIRST_QUERY } from '@hub/tools';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * One request through a real gateway and the four subgraphs (in this process, as startTestHub
 * runs them), traced into memory with the hub's own SDK set-up: the gateway's server span has
 * the gateway → subgraph HTTP calls below it, each call the subgraph's server span (W3C trace
 * context carried in the call), and each subgraph's SQL below that — one trace. And the spans,
 * redacted before export, carry none of the values the response did.
 */
describe('a traced request: gateway → subgraph → SQL', () => {
  let tracing: TestTracing;
  let hub: TestHub;

  beforeAll(async () => {
    tracing = startInMemoryTracing();
    hub = await startTestHub({ scale: 40 });
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
    await tracing?.stop();
  });

  it('yields one span tree across the services', async () => {
    tracing.exporter.reset();
    const { body } = await hub.query(FIRST_QUERY);
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body)).toContain('Tomasz Nowak');

    // The gateway's server span ends as its response finishes: wait for it.
    const gatewaySpan = await eventually(() =>
      tracing.spans().find((s) => s.kind === SpanKind.SERVER && s.attributes['hub.service'] === 'gateway'),
    );
    const traceId = gatewaySpan.spanContext().traceId;
    const spans = tracing.spans().filter((s) => s.spanContext().traceId === traceId);
    const childrenOf = (parent: ReadableSpan) => spans.filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);
    const below = (parent: ReadableSpan): ReadableSpan[] => childrenOf(parent).flatMap((child) => [child, ...below(child)]);
    // TRACE_TEST_DUMP=1 prints the tree, to read by eye.
    if (process.env.TRACE_TEST_DUMP) {
      const lines: string[] = [];
      const walk = (span: ReadableSpan, depth: number) => {
        const service = span.attributes['hub.service'] ? ` [${String(span.attributes['hub.service'])}]` : '';
        const sql = span.attributes['db.statement'] ?? span.attributes['db.query.text'];
        lines.push(`${'  '.repeat(depth)}${SpanKind[span.kind]} ${span.name}${service}${sql ? ` ${String(sql).slice(0, 100)}` : ''}`);
        childrenOf(span).forEach((child) => walk(child, depth + 1));
      };
      walk(gatewaySpan, 0);
      process.stdout.write(`${lines.join('\n')}\n`);
    }

    // The gateway calls the subgraphs with Node's http client (lean-fetch.ts): http client spans.
    const subgraphCalls = below(gatewaySpan).filter(
      (s) => s.kind === SpanKind.CLIENT && s.instrumentationScope.name === '@opentelemetry/instrumentation-http',
    );
    expect(subgraphCalls.length).toBeGreaterThanOrEqual(SUBGRAPH_NAMES.length);
    for (const name of SUBGRAPH_NAMES) {
      const servers = subgraphCalls.flatMap(childrenOf).filter((s) => s.kind === SpanKind.SERVER && s.attributes['hub.service'] === name);
      expect({ name, servers: servers.length }).toEqual({ name, servers: expect.any(Number) });
      expect(servers.length).toBeGreaterThan(0);
      // The subgraph logs and traces under the gateway's request id, from its signed token.
      expect(servers[0]!.attributes['hub.request_id']).toBe(body.extensions?.requestId);
      const sql = servers
        .flatMap(below)
        .filter((s) => s.attributes['db.system'] === 'postgresql' || s.attributes['db.system.name'] === 'postgresql');
      expect({ name, sql: sql.length > 0 }).toEqual({ name, sql: true });
    }

    // Redacted: no value the response carried, no client address, SQL without literals.
    const exported = JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })));
    const personal = [
      ...FIXED_SUBJECTS.flatMap((s) => [s.id, s.givenName, s.familyName, s.dateOfBirth, s.uprn]),
      ...FIXED_PROPERTIES.map((p) => p.line1),
    ];
    expect(personal.filter((value) => exported.includes(value))).toEqual([]);
    expect(gatewaySpan.attributes['client.address'] ?? gatewaySpan.attributes['net.peer.ip']).toBeUndefined();
  });
});

async function eventually<T>(find: () => T | undefined, withinMs = 5000): Promise<T> {
  const until = Date.now() + withinMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error('not found in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
