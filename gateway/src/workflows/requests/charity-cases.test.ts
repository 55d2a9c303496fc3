import type { HubContext } from '../../pipeline/hub-context';
import { charityPage } from './charity-cases';

/**
 * The paging of a charity officer's inbox over the partner's (charity-cases.ts). The read of whom
 * the charity supports is the real federated read in test/src/workflows/request-grant-reach.test.ts;
 * here a context answers it from a table, to page across many batches.
 */
const OURS = 'adavu';
const requests = Array.from({ length: 530 }, (_, i) => ({
  id: `REQ-${String(1000 - i).padStart(4, '0')}`,
  subjectId: `SUBJ-${String(i % 7).padStart(6, '0')}`,
}));
// Subjects 0, 3 and 5 of every seven are Adavu's clients; the others another charity's.
const providerOf = (subjectId: string) => (['SUBJ-000000', 'SUBJ-000003', 'SUBJ-000005'].includes(subjectId) ? OURS : 'barnardos');

const context = {
  principal: { org: OURS },
  hubRequest: {},
  readAsRecipient: async (_source: string, variables: { ids: string[] }) => ({
    shaped: { result: { data: { people: variables.ids.map((id) => ({ id, support: [{ providerOrg: providerOf(id) }] })) } } },
  }),
} as unknown as HubContext;

/** The partner's inbox, newest first, after a cursor (as RequestStore.list). */
const fetch = async (after: string | null, size: number) => {
  const from = after === null ? 0 : requests.findIndex((r) => r.id === after) + 1;
  return requests.slice(from, from + size);
};

describe("a charity officer's inbox", () => {
  it('pages through only its clients’ requests, in order, each once, across batches', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const { page, hasNextPage }: { page: (typeof requests)[number][]; hasNextPage: boolean } = await charityPage(
        fetch,
        20,
        after,
        context,
      );
      seen.push(...page.map((r) => r.id));
      if (!hasNextPage) break;
      after = page.at(-1)!.id;
    }
    const expected = requests.filter((r) => providerOf(r.subjectId) === OURS).map((r) => r.id);
    expect(seen).toEqual(expected);
  });

  it('shows nothing when a read is refused (fail closed)', async () => {
    const refusing = { ...context, readAsRecipient: async () => ({ refused: { errors: [] } }) } as unknown as HubContext;
    expect(await charityPage(fetch, 20, null, refusing)).toEqual({ page: [], hasNextPage: false });
  });
});
