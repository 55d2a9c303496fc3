/**
 * The demo's organisations (shared/src/config/organisations.ts), copied rather than imported so
 * the oracle's facts about who is who are written down where the oracle's reader can see them.
 */
export const ORGANISATIONS: Record<string, { name: string; partner: string | null }> = {
  'west-midlands-police': { name: 'West Midlands Police', partner: 'police' },
  'birmingham-city-council': { name: 'Birmingham City Council', partner: 'local-authority' },
  'birmingham-solihull-nhs': { name: 'Birmingham and Solihull NHS', partner: 'nhs' },
  adavu: { name: 'The Adavu Project', partner: 'ngo' },
  'hope-at-home': { name: 'Hope at Home', partner: 'ngo' },
  'sophie-hayes-foundation': { name: 'The Sophie Hayes Foundation', partner: 'ngo' },
  'salvation-army': { name: 'The Salvation Army', partner: 'ngo' },
  barnardos: { name: "Barnardo's", partner: 'ngo' },
  refuge: { name: 'Refuge', partner: 'ngo' },
  'joint-audit-panel': { name: 'Joint audit panel of the partners', partner: null },
};

/** What `SupportEpisode.provider` and `SupportService.provider` show: the name, else the id. */
export function organisationName(id: string): string {
  return ORGANISATIONS[id]?.name ?? id;
}

export function partnerOf(org: string): string | null {
  return ORGANISATIONS[org]?.partner ?? null;
}
