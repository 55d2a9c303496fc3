/**
 * Every service's metrics port as `0` (the OS picks one) unless the test chose it: the defaults
 * (9400–9404) are one per machine, and tests run gateway replicas side by side and hubs in
 * several jest workers at once, which would collide on them.
 */
export function withFreeMetricsPorts<T extends Record<string, string | undefined>>(env: T): T {
  const free: Record<string, string> = {};
  for (const service of ['GATEWAY', 'POLICE', 'LOCAL_AUTHORITY', 'NHS', 'NGO']) free[`${service}_METRICS_PORT`] = '0';
  return { ...free, ...env };
}
