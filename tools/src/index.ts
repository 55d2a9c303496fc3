export * from './runtime/launch-hub';
export * from './runtime/databases';
export * from './subgraphs';
export * from './first-query';
export * from './runtime/seed-databases';
export * from './runtime/hub-keys';
export * from './runtime/fresh-databases';
export * from './bench/queries';
