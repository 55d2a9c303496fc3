/** The five services of the hub and where each listens by default (README: Run it). */
export const SUBGRAPH_NAMES = ['police', 'local-authority', 'nhs', 'ngo'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Whether a name (from input, a stored row) is one of the four partners' subgraphs. */
export function isSubgraphName(name: string): name is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(name);
}
export type ServiceName = SubgraphName | 'gateway';

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  gateway: 4000,
  police: 4001,
  'local-authority': 4002,
  nhs: 4003,
  ngo: 4004,
};

/**
 * Where each service serves `/metrics` by default: a listener of its own, apart from the port
 * partner users reach, because the counters move with what records held (README: Operating).
 */
export const DEFAULT_METRICS_PORTS: Record<ServiceName, number> = {
  gateway: 9400,
  police: 9401,
  'local-authority': 9402,
  nhs: 9403,
  ngo: 9404,
};

/** `local-authority` → `LOCAL_AUTHORITY`, for environment variable names. */
export function envPrefix(service: string): string {
  return service.replace(/-/g, '_').toUpperCase();
}
