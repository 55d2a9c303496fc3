import { InitialNhsSchema1795350762546 } from './1795350762546-InitialNhsSchema';
import { StatisticsSecret1795992105470 } from './1795992105470-StatisticsSecret';
import { ReferralHolds1796000000003 } from './1796000000003-ReferralHolds';

/** Applied in order by `startSubgraph`; never edit one that has shipped, add a new one. */
export const migrations: Function[] = [InitialNhsSchema1795350762546, StatisticsSecret1795992105470, ReferralHolds1796000000003];
