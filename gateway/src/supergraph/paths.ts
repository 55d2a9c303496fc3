import { join } from 'node:path';

/** The composed supergraph, committed so every gateway replica serves the reviewed schema. */
export const SUPERGRAPH_PATH = join(__dirname, '..', '..', 'supergraph.graphql');
/** Composition hints that were reviewed and accepted (the compose check fails on any other). */
export const ACCEPTED_HINTS_PATH = join(__dirname, '..', '..', 'accepted-hints.json');
