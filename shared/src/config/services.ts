/** The five services of the hub and where each listens by default (README: Run it). */
export const SUBGRAPH_NAMES = ['police', 'local-authority', 'nhs', 'ngo'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
export type ServiceName = SubgraphName | 'gateway';

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  gateway: 4000,
  police: 4001,
  'local-authority': 4002,
  nhs: 4003,
  ngo: 4004,
};

/** `local-authority` → `LOCAL_AUTHORITY`, for environment variable names. */
export function envPrefix(service: string): string {
  return service.replace(/-/g, '_').toUpperCase();
}
