import { startTracing } from './tracing';

/**
 * `node --require @hub/shared/register app.js`: starts tracing (when `OTEL_TRACES_EXPORTER` asks
 * for it) before the application loads anything it instruments. The hub CLI does the same in its
 * first import, naming the service it serves.
 */
startTracing();
