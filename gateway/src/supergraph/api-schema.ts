import { readFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildGatewaySchema, OFFLINE_ENDPOINTS } from '../gateway-schema';
import { API_SCHEMA_PATH, SUPERGRAPH_PATH } from './paths';

/**
 * The schema clients see at `/graphql`: the supergraph's API (no federation directives) with
 * the gateway's own fields beside it, exactly as the gateway stitches them. The console's typed
 * operations are generated from the committed copy (`gateway/api-schema.graphql`).
 */
export function apiSchemaSdl(supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8')): string {
  const schema = buildGatewaySchema(OFFLINE_ENDPOINTS, supergraphSdl);
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export function committedApiSchema(): string {
  return readFileSync(API_SCHEMA_PATH, 'utf8');
}
