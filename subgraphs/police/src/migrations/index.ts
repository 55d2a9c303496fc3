import { InitialPoliceSchema1795350575233 } from './1795350575233-InitialPoliceSchema';
import { StatisticsSecret1795992097653 } from './1795992097653-StatisticsSecret';

/** Applied in order by `startSubgraph`; never edit one that has shipped, add a new one. */
export const migrations: Function[] = [InitialPoliceSchema1795350575233, StatisticsSecret1795992097653];
