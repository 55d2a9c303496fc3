/**
 * Directory coverage names areas at different levels ('Birmingham', 'West Midlands',
 * 'UK-wide'). A service covering a wider area covers the places inside it, so a search for
 * Birmingham must also find West Midlands and UK-wide services.
 */
const UK_WIDE = 'uk-wide';
const REGIONS: Record<string, readonly string[]> = {
  'west midlands': ['birmingham', 'solihull', 'coventry', 'black country', 'wolverhampton', 'walsall', 'dudley', 'sandwell'],
};

/** The coverage names (lower case) any one of which means a service covers `area`. */
export function areasCovering(area: string): string[] {
  const wanted = area.trim().toLowerCase();
  const regions = Object.entries(REGIONS)
    .filter(([, places]) => places.includes(wanted))
    .map(([region]) => region);
  return [...new Set([wanted, ...regions, UK_WIDE])];
}
