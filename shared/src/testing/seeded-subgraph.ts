import { generateKeyPair, type CryptoKey } from 'jose';
import { generatePopulation } from '../demo/population';
import { signGatewayToken } from '../security/gateway-token';
import { startSubgraph, type RunningSubgraph } from '../server/start-subgraph';
import type { SubgraphDefinition } from '../server/subgraph-definition';
import { postGraphql, type GraphqlResponse } from './graphql-client';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface SeededSubgraph {
  service: RunningSubgraph;
  db: TestDatabase;
  /** Rows per table the seed wrote. */
  seeded: Record<string, number>;
  /** The key the subgraph trusts, standing in for the gateway's. */
  gatewayKey: { privateKey: CryptoKey; publicKey: CryptoKey };
  /** Posts an operation as the gateway would: signed for this subgraph. */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>>;
}

/**
 * Registers jest hooks that run one subgraph on a free port against a fresh database seeded
 * with the demo population, and tear both down. Read the fields inside tests, not at load.
 */
export function useSeededSubgraph(definition: SubgraphDefinition, scale = 120): SeededSubgraph {
  const fixture = {} as SeededSubgraph;
  beforeAll(async () => {
    fixture.gatewayKey = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    fixture.db = await createTestDatabase(definition.name);
    fixture.service = await startSubgraph(definition, {
      databaseUrl: fixture.db.url,
      port: 0,
      gatewayPublicKey: fixture.gatewayKey.publicKey,
    });
    fixture.seeded = await definition.seed(fixture.service.dataSource, generatePopulation({ scale }));
    fixture.query = async (query, variables = {}) =>
      postGraphql(fixture.service.url, query, variables, { authorization: `Bearer ${await gatewayToken(fixture, definition.name)}` });
  });
  afterAll(async () => {
    await fixture.service?.stop();
    await fixture.db?.drop();
  });
  return fixture;
}

/** A token as the gateway signs it, for a police analyst asking to identify victims. */
export function gatewayToken(fixture: Pick<SeededSubgraph, 'gatewayKey'>, audience: string): Promise<string> {
  return signGatewayToken(
    fixture.gatewayKey.privateKey,
    'test-gateway',
    {
      sub: 'police.analyst',
      org: 'west-midlands-police',
      roles: ['ANALYST'],
      purpose: 'IDENTIFY_VICTIMS',
      lawfulBasis: null,
      caseRef: 'TEST/1',
      requestId: 'test',
    },
    audience,
  );
}

/**
 * Resolves `representations` through `_entities` and returns how many SQL statements that
 * cost, failing on any GraphQL error or a missing entity.
 */
export async function statementsForEntities(
  fixture: SeededSubgraph,
  selection: string,
  representations: Record<string, unknown>[],
): Promise<number> {
  fixture.service.statements.reset();
  const { body } = await fixture.query(`query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, { r: representations });
  if (body.errors) throw new Error(`_entities failed: ${JSON.stringify(body.errors)}`);
  if (body.data._entities.length !== representations.length) throw new Error('_entities lost representations');
  return fixture.service.statements.statements;
}

/** `count` Person representations for the first subjects of the population. */
export function personRepresentations(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({ __typename: 'Person', id: `SUBJ-${String(i + 1).padStart(6, '0')}` }));
}
