import { InitialLocalAuthoritySchema1795350787538 } from './1795350787538-InitialLocalAuthoritySchema';
import { StatisticsSecret1795992101267 } from './1795992101267-StatisticsSecret';
import { ReferralHolds1796000000002 } from './1796000000002-ReferralHolds';

/** Applied in order by `startSubgraph`; never edit one that has shipped, add a new one. */
export const migrations: Function[] = [InitialLocalAuthoritySchema1795350787538, StatisticsSecret1795992101267, ReferralHolds1796000000002];
