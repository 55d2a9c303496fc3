import type { HubContext } from '../../pipeline/hub-context';
import { OWN_RECORD, type OwnRecordPerson } from '../own-record';

/**
 * The charities share one partner (`ngo`), but each is the controller of its own clients' episodes
 * and discloses only those (grants.ts). So a request's ngo part is shown to, and answered by, a
 * charity's disclosure officer only for a subject their charity supports (red team, 30 November:
 * Adavu's officer saw, and could close, requests about Barnardo's clients, with their reasons and
 * tipping-off reasons). Whether it does is read as the officer, as any of their queries (own-record.ts):
 * their charity's episodes are theirs to see, another's are withheld. Anything but a clear answer
 * (a refusal, a partner down) is "not ours": the request stays hidden from them.
 */
export async function subjectsWeSupport(subjectIds: readonly string[], context: HubContext): Promise<Set<string>> {
  const ours = new Set<string>();
  const ids = [...new Set(subjectIds)];
  for (let i = 0; i < ids.length; i += BATCH) {
    const read = await context.readAsRecipient(QUERY, { ids: ids.slice(i, i + BATCH) }, context.hubRequest);
    if (read.refused) continue;
    const people = (read.shaped.result.data?.people ?? []) as (OwnRecordPerson | null)[];
    for (const person of people) {
      if (typeof person?.id === 'string' && OWN_RECORD.ngo.holds(person, context.principal.org)) ours.add(person.id);
    }
  }
  return ours;
}

/** Within the list query's limit (MAX_PEOPLE_PER_QUERY). */
const BATCH = 100;
const QUERY = `query CharityCases($ids: [ID!]!) { people(filter: { ids: $ids }) { id ${OWN_RECORD.ngo.selection} } }`;

/**
 * A charity officer's page of the ngo inbox: the requests about subjects their charity supports,
 * newest first. Read in batches of the partner's inbox, filtered, until the page is full; at most
 * `MAX_SCANNED` requests per page are looked at (older ones then need the page after).
 */
export async function charityPage<R extends { id: string; subjectId: string }>(
  fetch: (after: string | null, size: number) => Promise<R[]>,
  first: number,
  after: string | null,
  context: HubContext,
): Promise<{ page: R[]; hasNextPage: boolean }> {
  const found: R[] = [];
  let cursor = after;
  let scanned = 0;
  let more = true;
  while (found.length <= first && more && scanned < MAX_SCANNED) {
    const batch = await fetch(cursor, BATCH);
    scanned += batch.length;
    more = batch.length === BATCH;
    const ours = await subjectsWeSupport(
      batch.map((r) => r.subjectId),
      context,
    );
    found.push(...batch.filter((r) => ours.has(r.subjectId)));
    cursor = batch.at(-1)?.id ?? cursor;
  }
  return { page: found.slice(0, first), hasNextPage: found.length > first };
}

const MAX_SCANNED = 2_000;
