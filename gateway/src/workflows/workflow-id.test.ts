import { INFORMATION_REQUEST_ID, newWorkflowId, REFERRAL_ID, type WorkflowKind } from './workflow-id';

describe.each<[WorkflowKind, RegExp]>([
  ['REF', REFERRAL_ID],
  ['REQ', INFORMATION_REQUEST_ID],
])('%s ids', (kind, pattern) => {
  it('are readable, carry the year, and say nothing about how many came before', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    const ids = Array.from({ length: 2000 }, () => newWorkflowId(kind, now));
    for (const id of ids) expect(id).toMatch(pattern);
    expect(ids[0]).toMatch(new RegExp(`^${kind}-2026-`));
    // Random, not a sequence: no repeats, and consecutive ids are not in order.
    expect(new Set(ids).size).toBe(ids.length);
    const ascending = ids.slice(1).filter((id, i) => id > ids[i]!).length;
    expect(ascending).toBeGreaterThan(800);
    expect(ascending).toBeLessThan(1200);
    // Every digit of the alphabet turns up, none outside it.
    expect(new Set(ids.join('').replace(new RegExp(`${kind}-2026-`, 'g'), '')).size).toBe(32);
  });

  it("are not the other workflow's", () => {
    const other: WorkflowKind = kind === 'REF' ? 'REQ' : 'REF';
    expect(newWorkflowId(other, new Date())).not.toMatch(pattern);
  });
});
