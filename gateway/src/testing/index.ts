/**
 * What the tests and benchmarks need of the gateway, kept out of its production entry point
 * (`@hub/gateway/testing`): fresh audit databases and generated disclosure records in bulk.
 */
export * from './audit-test-log';
export * from './bulk-records';
export * from './demo-hub-request';
export * from './generic-plan';
