import { logger } from './logger';
import { CIRCUIT_STATES, hubMetrics, subgraphLabel, type CircuitState } from './metrics';

/**
 * A partner's availability and the gateway's circuit per partner: metrics on every call, a log
 * line only when something changes (a partner stops answering, answers again; a circuit opens,
 * half-opens, closes), so an outage is one warning, not one per request.
 */

const log = () => logger('gateway');
const available = new Map<string, { up: boolean; since: number }>();
const circuits = new Map<string, CircuitState>();

/**
 * Whether a call to `subgraph` was answered. Logs once per change, never per call; the first call
 * unanswered says why (`why`: down, deadline or circuit open, and the error beneath), so an operator
 * can tell a partner down from a deadline or a dropped connection.
 */
export function observePartnerAvailability(subgraph: string, answered: boolean, why?: { reason: string; err?: Error }): void {
  const name = subgraphLabel(subgraph);
  hubMetrics().subgraphUp.set({ subgraph: name }, answered ? 1 : 0);
  const previous = available.get(name);
  if (previous?.up === answered) return;
  const now = Date.now();
  available.set(name, { up: answered, since: now });
  if (!answered) log().warn({ subgraph: name, event: 'partner_unavailable', ...why }, 'partner service is not answering');
  else if (previous)
    log().info({ subgraph: name, event: 'partner_available', downMs: now - previous.since }, 'partner service answers again');
}

/** The circuit breaker's state for `subgraph`. Sets the gauge; logs and counts only a change. */
export function recordCircuitState(subgraph: string, state: CircuitState): void {
  const name = subgraphLabel(subgraph);
  const m = hubMetrics();
  m.circuitState.set({ subgraph: name }, CIRCUIT_STATES.indexOf(state));
  const previous = circuits.get(name) ?? 'closed';
  circuits.set(name, state);
  if (previous === state) return;
  m.circuitTransitions.inc({ subgraph: name, state });
  const entry = { subgraph: name, event: 'circuit_changed', from: previous, to: state };
  if (state === 'open') log().warn(entry, 'circuit opened: calls to this partner are refused for now');
  else
    log().info(entry, state === 'closed' ? 'circuit closed: calls to this partner pass again' : 'circuit half-open: probing the partner');
}
