import { InitialLocalAuthoritySchema1795350787538 } from './1795350787538-InitialLocalAuthoritySchema';

/** Applied in order by `startSubgraph`; never edit one that has shipped, add a new one. */
export const migrations: Function[] = [InitialLocalAuthoritySchema1795350787538];
