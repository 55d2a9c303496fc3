import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { shutdownTracing, startTracing } from '../telemetry/tracing';

export interface TestTracing {
  exporter: InMemorySpanExporter;
  spans(): ReadableSpan[];
  stop(): Promise<void>;
}

/**
 * Tracing for a test, into memory: the real SDK, instrumentations and redaction, with an
 * in-memory exporter. Instrumentations patch modules through Node's require hook, which Jest's
 * own module registry bypasses, so the modules this test's services use (`http`, `pg`,
 * `pg-pool`) are patched here directly — what the hook would do in a real process.
 */
export function startInMemoryTracing(): TestTracing {
  const exporter = new InMemorySpanExporter();
  const running = startTracing({ exporter, serviceName: 'partner-hub-test' });
  if (!running) throw new Error('tracing did not start');
  /* eslint-disable @typescript-eslint/no-require-imports -- the very module objects the services use */
  const modules: Record<string, unknown> = { http: require('node:http'), pg: require('pg'), 'pg-pool': require('pg-pool') };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const patched: (() => void)[] = [];
  for (const instrumentation of running.instrumentations as InstrumentationBase[]) {
    for (const definition of instrumentation.getModuleDefinitions()) {
      const exports = modules[definition.name];
      if (!exports || !definition.patch) continue;
      definition.patch(exports, undefined);
      patched.push(() => definition.unpatch?.(exports, undefined));
    }
  }
  return {
    exporter,
    spans: () => exporter.getFinishedSpans(),
    async stop() {
      patched.forEach((unpatch) => unpatch());
      await shutdownTracing();
    },
  };
}
