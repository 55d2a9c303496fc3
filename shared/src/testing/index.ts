export * from './test-database';
export * from './subgraph-contract';
export * from './graphql-client';
export * from './seeded-subgraph';
export * from './in-memory-tracing';
