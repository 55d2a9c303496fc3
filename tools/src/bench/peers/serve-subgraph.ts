import { generatePopulation, startSubgraph } from '@hub/shared';
import { storedHubKeys } from '../../runtime/hub-keys';
import { SUBGRAPHS } from '../../subgraphs';
import { runService } from './service-process';

export interface SubgraphCalls {
  calls: number;
  chars: number;
}

export interface SubgraphConfig {
  name: string;
  databaseUrl: string;
  /** Holds the keys the bench made for this run (`<dir>/keys`). */
  keysDir: string;
  /** Seed this many subjects when the database is empty. */
  scale: number;
}

/** One partner subgraph in a process of its own, for `bench -- peers`: migrates, seeds, serves. */
runService<SubgraphConfig>(async (config) => {
  const definition = SUBGRAPHS.find((d) => d.name === config.name);
  if (!definition) throw new Error(`no subgraph named "${config.name}"`);
  const keys = await storedHubKeys(config.keysDir);
  // Kept only until the bench next asks: how many calls a gateway made to this subgraph.
  const running = await startSubgraph(definition, {
    databaseUrl: config.databaseUrl,
    port: 0,
    gatewayPublicKey: keys.gateway.publicKey,
    recordRequests: true,
  });
  try {
    if (!(await running.dataSource.getRepository(definition.entities[0]!).exists())) {
      await definition.seed(running.dataSource, generatePopulation({ scale: config.scale }));
    }
  } catch (error) {
    await running.stop();
    throw error;
  }
  return {
    url: running.url,
    stop: () => running.stop(),
    /** `calls`: the GraphQL requests received since the last time it was asked, and their text's length. */
    handle(question: string): SubgraphCalls | null {
      if (question !== 'calls') return null;
      const calls = { calls: running.received.length, chars: running.received.reduce((n, q) => n + q.length, 0) };
      running.received.length = 0;
      return calls;
    },
  };
});
