import { InitialNgoSchema1795350757429 } from './1795350757429-InitialNgoSchema';
import { StatisticsSecret1795992112596 } from './1795992112596-StatisticsSecret';
import { ReferralHolds1796000000001 } from './1796000000001-ReferralHolds';

/** Applied in order by `startSubgraph`; never edit one that has shipped, add a new one. */
export const migrations: Function[] = [InitialNgoSchema1795350757429, StatisticsSecret1795992112596, ReferralHolds1796000000001];
