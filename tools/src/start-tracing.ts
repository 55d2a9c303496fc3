import { startTracing } from '@hub/shared/tracing';

/**
 * The hub CLI's first import: tracing must start before anything loads `pg`, `http` or the
 * services, or their calls go unrecorded. Off unless `OTEL_TRACES_EXPORTER` asks for it; the
 * service name is `partner-hub-<service>` for `hub serve <service>`, else `partner-hub`
 * (`OTEL_SERVICE_NAME` overrides both).
 */
const [command, service] = process.argv.slice(2);
if (command === 'start' || command === 'serve') {
  startTracing({ serviceName: command === 'serve' && service ? `partner-hub-${service}` : 'partner-hub' });
}
