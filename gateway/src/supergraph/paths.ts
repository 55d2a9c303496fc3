import { join } from 'node:path';

/** The composed supergraph, committed so every gateway replica serves the reviewed schema. */
export const SUPERGRAPH_PATH = join(__dirname, '..', '..', 'supergraph.graphql');
/** Composition hints that were reviewed and accepted (the compose check fails on any other). */
export const ACCEPTED_HINTS_PATH = join(__dirname, '..', '..', 'accepted-hints.json');
/** The API schema clients see (supergraph API + the gateway's own fields), for the console's codegen. */
export const API_SCHEMA_PATH = join(__dirname, '..', '..', 'api-schema.graphql');
