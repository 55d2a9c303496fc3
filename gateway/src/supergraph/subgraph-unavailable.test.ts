import { captureLogs } from '@hub/shared';
import { SubgraphCallFailure } from './subgraph-fetch';
import { subgraphCallObserver } from './subgraph-unavailable';

describe("a partner's first unanswered call", () => {
  it('is logged with why: the reason and the error beneath, by code and message', () => {
    const logs = captureLogs();
    try {
      const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      subgraphCallObserver('police')('unavailable', new SubgraphCallFailure('police', 'down', reset));
      subgraphCallObserver('nhs')('unavailable', new SubgraphCallFailure('nhs', 'deadline', new Error('This operation was aborted')));
      // Once per change: a second failure of the police is not logged again.
      subgraphCallObserver('police')('unavailable', new Error('again'));
    } finally {
      logs.stop();
    }
    expect(logs.records().map((r) => [r.subgraph, r.event, r.reason, (r.err as { code?: string } | undefined)?.code ?? null])).toEqual([
      ['police', 'partner_unavailable', 'down', 'ECONNRESET'],
      ['nhs', 'partner_unavailable', 'deadline', null],
    ]);
  });
});
