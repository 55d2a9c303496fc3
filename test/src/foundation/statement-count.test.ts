import { subjectId } from '@hub/shared';
import { DASHBOARD_QUERY } from '@hub/tools';
import { startTestHub, type TestHub } from '../helpers/test-hub';

describe('SQL statements per request do not grow with the list (no N+1)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 120 });
  });
  afterAll(() => hub?.stop());

  async function statementsFor(count: number): Promise<Record<string, number>> {
    const ids = Array.from({ length: count }, (_, i) => subjectId(i + 1));
    for (const s of Object.values(hub.subgraphs)) s.statements.reset();
    const { body } = await hub.query(DASHBOARD_QUERY, { ids });
    expect(body.errors).toBeUndefined();
    expect(body.data.people).toHaveLength(count);
    return Object.fromEntries(Object.values(hub.subgraphs).map((s) => [s.name, s.statements.statements]));
  }

  it('issues the same statements per subgraph for 5 people as for 50', async () => {
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    console.log(`SQL statements per subgraph — 5 people: ${JSON.stringify(five)}; 50 people: ${JSON.stringify(fifty)}`);
    for (const count of Object.values(five)) expect(count).toBeGreaterThan(0);
    expect(fifty).toEqual(five);
  });
});
