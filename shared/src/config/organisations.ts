import type { SubgraphName } from './services';

/**
 * Partner organisations of the demo. Ids are stable: tokens, consent records, agreements and
 * the disclosure log all name organisations by id.
 */
export interface Organisation {
  id: string;
  name: string;
  /** The subgraph whose data this organisation controls; null for a body that holds none. */
  partner: SubgraphName | null;
}

export const ORGANISATIONS: readonly Organisation[] = [
  { id: 'west-midlands-police', name: 'West Midlands Police', partner: 'police' },
  { id: 'birmingham-city-council', name: 'Birmingham City Council', partner: 'local-authority' },
  { id: 'birmingham-solihull-nhs', name: 'Birmingham and Solihull NHS', partner: 'nhs' },
  { id: 'adavu', name: 'The Adavu Project', partner: 'ngo' },
  { id: 'hope-at-home', name: 'Hope at Home', partner: 'ngo' },
  { id: 'sophie-hayes-foundation', name: 'The Sophie Hayes Foundation', partner: 'ngo' },
  { id: 'salvation-army', name: 'The Salvation Army', partner: 'ngo' },
  { id: 'barnardos', name: "Barnardo's", partner: 'ngo' },
  { id: 'refuge', name: 'Refuge', partner: 'ngo' },
  // Partners jointly audit compliance (ISA 13.1); the panel's auditors hold no partner data.
  { id: 'joint-audit-panel', name: 'Joint audit panel of the partners', partner: null },
];

export const POLICE_ORG = 'west-midlands-police';
export const COUNCIL_ORG = 'birmingham-city-council';
export const NHS_ORG = 'birmingham-solihull-nhs';
export const NGO_ORGS = ORGANISATIONS.filter((o) => o.partner === 'ngo').map((o) => o.id);

export function organisation(id: string): Organisation | undefined {
  return ORGANISATIONS.find((o) => o.id === id);
}

/**
 * The data controller of a partner's record when the partner alone says who it is: the
 * partner's one organisation. Null for a partner that holds several controllers' data (the ngo
 * subgraph holds each charity's), whose records name their own controller (SupportEpisode.providerOrg).
 */
export function soleControllerOf(partner: string): string | null {
  const controllers = ORGANISATIONS.filter((o) => o.partner === partner);
  return controllers.length === 1 ? controllers[0]!.id : null;
}
