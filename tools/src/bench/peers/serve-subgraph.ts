import { generatePopulation, startSubgraph } from '@hub/shared';
import { storedHubKeys } from '../../runtime/hub-keys';
import { SUBGRAPHS } from '../../subgraphs';
import { runService } from './service-process';

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
  const running = await startSubgraph(definition, { databaseUrl: config.databaseUrl, port: 0, gatewayPublicKey: keys.gateway.publicKey });
  try {
    if (!(await running.dataSource.getRepository(definition.entities[0]!).exists())) {
      await definition.seed(running.dataSource, generatePopulation({ scale: config.scale }));
    }
  } catch (error) {
    await running.stop();
    throw error;
  }
  return running;
});
