/** The five services of the hub and where each listens by default (spec §3). */
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

/** The port a service listens on: `POLICE_PORT=...` overrides the default. */
export function servicePort(service: ServiceName, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[`${envPrefix(service)}_PORT`];
  return raw ? Number(raw) : DEFAULT_PORTS[service];
}

/** Where the gateway finds a subgraph: `POLICE_URL=...` overrides localhost. */
export function subgraphUrl(service: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  return env[`${envPrefix(service)}_URL`] ?? `http://127.0.0.1:${servicePort(service, env)}/graphql`;
}
