import { organisation, soleControllerOf, type SubgraphName } from '@hub/shared';
import type { HiddenField } from './conditions/record-condition';

/**
 * Whose data a logged field is (docs/disclosure-log.md, `controller_org`): a partner with one
 * organisation controls all it holds, but the ngo partner holds several charities' records, and
 * each support episode names its own controller. A data protection officer's remit is their own
 * organisation's data, so the log must say which charity's episode a field came from.
 */

/** The episode's provider, fetched beside every support episode whether or not the client asked for it. */
export const PROVIDER_ORG: HiddenField = { alias: '__hub_providerOrg', selection: 'providerOrg' };

/** The types whose records name their own data controller, and the fact that does. */
const CONTROLLER_FACTS: Readonly<Record<string, HiddenField>> = { SupportEpisode: PROVIDER_ORG };

export function controllerFactOf(typeName: string): HiddenField | undefined {
  return CONTROLLER_FACTS[typeName];
}

/** The controller a record names, or null when the fact is missing or unreadable. */
export function namedController(record: unknown, fact: HiddenField): string | null {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return null;
  const value = (record as Record<string, unknown>)[fact.alias];
  return typeof value === 'string' ? value : null;
}

/** The controllers the records of a value (one record or a list of them) name, each once; null for each that names none. */
export function controllersIn(value: unknown, fact: HiddenField): (string | null)[] {
  const records = Array.isArray(value) ? value : [value];
  return [...new Set(records.map((r) => namedController(r, fact)))];
}

/**
 * The controller of an owner's field: the owner's one organisation, or else the controller the
 * enclosing record named, if it is one of the owner's organisations. Anything else is null, which
 * no data protection officer's scope matches (fail closed: only the audit panel sees it).
 */
export function controllerOf(owner: SubgraphName, named: string | null): string | null {
  const sole = soleControllerOf(owner);
  if (sole !== null) return sole;
  return named !== null && organisation(named)?.partner === owner ? named : null;
}
