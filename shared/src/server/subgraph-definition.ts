import type { DataSource } from 'typeorm';
import type { NonEmptyArray } from 'type-graphql';
import type { SubgraphName } from '../config/services';
import type { Population } from '../demo/population';
import type { ReferenceResolvers } from '../federation/build-federated-schema';
import type { GatewayClaims } from '../security/gateway-token';
import type { PlacesTable } from '../referrals/place-holds';

/** What one partner subgraph is made of. All four export one, so all four start the same way. */
export interface SubgraphDefinition<Loaders = unknown> {
  name: SubgraphName;
  /** The organisation that owns (is data controller for) what this subgraph holds. */
  owner: string;
  entities: Function[];
  migrations: Function[];
  resolvers: NonEmptyArray<Function>;
  /** Types no query of this subgraph reaches but that it adds fields to (e.g. SupportService). */
  orphanedTypes?: Function[];
  referenceResolvers: ReferenceResolvers;
  /** Fresh DataLoaders for one request: batching and caching never cross requests. */
  createLoaders(dataSource: DataSource): Loaders;
  /** Where this partner keeps the places of the services it runs, if it runs any (referral holds). */
  places?: PlacesTable;
  /** Writes this partner's part of the demo population, in bulk. Returns rows per table. */
  seed(dataSource: DataSource, population: Population): Promise<Record<string, number>>;
}

/** The context every subgraph resolver receives. */
export interface SubgraphContext<Loaders = unknown> {
  requestId: string;
  /** Who the gateway says is asking, for what purpose, under which basis and case. */
  caller: GatewayClaims;
  loaders: Loaders;
}
