import { Histogram, Registry } from 'prom-client';
import { quantile, stageSnapshot, stageTimes } from './stage-times';

describe("bench -- peers: the hub's stage timings between two snapshots", () => {
  it("interpolates a quantile within its bucket as Prometheus' histogram_quantile does", () => {
    // 10 observations: 4 up to 1 ms, 4 more up to 5 ms, 2 above 10 ms.
    const buckets = [
      { le: 0.001, count: 4 },
      { le: 0.005, count: 8 },
      { le: 0.01, count: 8 },
      { le: Infinity, count: 10 },
    ];
    expect(quantile(0.2, buckets, 10)).toBeCloseTo(0.0005); // rank 2 of the first bucket's 4, from 0
    expect(quantile(0.6, buckets, 10)).toBeCloseTo(0.003); // rank 6: half-way through 1–5 ms
    // In the +Inf bucket the histogram knows only that it is above the last finite bound.
    expect(quantile(0.99, buckets, 10)).toBe(0.01);
  });

  it('counts only what was observed between the snapshots, per stage', async () => {
    const registry = new Registry();
    const histogram = new Histogram({
      name: 'stage_seconds_test',
      help: 'test',
      labelNames: ['stage'],
      buckets: [0.001, 0.01, 0.1],
      registers: [registry],
    });
    histogram.observe({ stage: 'execute' }, 0.05); // before: not in the phase
    const before = await stageSnapshot(histogram);
    for (const seconds of [0.002, 0.004, 0.006, 0.008]) histogram.observe({ stage: 'execute' }, seconds);
    histogram.observe({ stage: 'account' }, 0.0005);
    const times = stageTimes(before, await stageSnapshot(histogram));
    expect(times.execute).toEqual({ requests: 4, mean: 5, p50: 5.5, p99: 9.91 });
    expect(times.account).toEqual({ requests: 1, mean: 0.5, p50: 0.5, p99: 0.99 });
    // A stage that did not run in between is left out, not shown as zero.
    histogram.observe({ stage: 'plan' }, 0.001);
    const later = await stageSnapshot(histogram);
    expect(Object.keys(stageTimes(later, later))).toEqual([]);
  });
});
