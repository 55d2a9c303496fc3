import { readFileSync, writeFileSync } from 'node:fs';
import { ACCEPTED_HINTS_PATH, API_SCHEMA_PATH, apiSchemaSdl, SUPERGRAPH_PATH } from '@hub/gateway';
import { composeSupergraph } from '../compose/compose-supergraph';
import { SUBGRAPHS } from '../subgraphs';
import { print } from '../cli-output';

/** `hub compose`: writes gateway/supergraph.graphql; refuses while there are unaccepted hints. */
export async function composeCommand(): Promise<void> {
  const { supergraphSdl, hints } = await composeSupergraph(SUBGRAPHS);
  const unaccepted = unacceptedHints(hints);
  if (unaccepted.length > 0) {
    throw new Error(
      `composition gave hints nobody has accepted (review, then add them to ${ACCEPTED_HINTS_PATH}):\n` +
        unaccepted.map((h) => `- ${h}`).join('\n'),
    );
  }
  writeFileSync(SUPERGRAPH_PATH, supergraphSdl);
  print(`wrote ${SUPERGRAPH_PATH} (${SUBGRAPHS.length} subgraphs, ${hints.length} accepted hints)`);
  apiSchemaCommand(supergraphSdl);
}

/** `hub api-schema`: writes gateway/api-schema.graphql, the schema clients see, for the console's codegen. */
export function apiSchemaCommand(supergraphSdl?: string): void {
  writeFileSync(API_SCHEMA_PATH, apiSchemaSdl(supergraphSdl));
  print(`wrote ${API_SCHEMA_PATH}; run \`npm run -w console codegen\` for the console's typed operations`);
}

export function unacceptedHints(hints: string[]): string[] {
  const accepted = new Set<string>(JSON.parse(readFileSync(ACCEPTED_HINTS_PATH, 'utf8')).hints);
  return hints.filter((h) => !accepted.has(h));
}
