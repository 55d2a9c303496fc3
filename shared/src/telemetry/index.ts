export * from './logger';
export * from './redaction';
export * from './metrics';
export * from './partners';
export * from './request-telemetry';
export * from './tracing';
export * from './metrics-server';
