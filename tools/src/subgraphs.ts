import type { SubgraphDefinition } from '@hub/shared';
import { localAuthoritySubgraph } from '@hub/local-authority';
import { ngoSubgraph } from '@hub/ngo';
import { nhsSubgraph } from '@hub/nhs';
import { policeSubgraph } from '@hub/police';

/** The four partner subgraphs, in port order. */
export const SUBGRAPHS: SubgraphDefinition<any>[] = [policeSubgraph, localAuthoritySubgraph, nhsSubgraph, ngoSubgraph];
