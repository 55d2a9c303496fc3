/**
 * The hub gateway's `hub_gateway_stage_seconds` as read in its process: per stage, the
 * histogram's cumulative bucket counts, sum and count. Taken before and after a phase of the
 * bench, the difference says where the hub's time went in that phase alone.
 */
export type StageSnapshot = Record<string, { buckets: { le: number; count: number }[]; sum: number; count: number }>;

/** Per stage, in ms: the mean, and p50 and p99 interpolated within the histogram's buckets. */
export type StageTimes = Record<string, { requests: number; mean: number; p50: number; p99: number }>;

/** What stageSnapshot reads: a prom-client histogram's `get()`. */
interface HistogramValues {
  get(): Promise<{ values: { labels: Record<string, string | number | undefined>; value: number; metricName?: string }[] }>;
}

/** Reads a prom-client histogram labelled by `stage` into a snapshot (in the gateway's process). */
export async function stageSnapshot(histogram: HistogramValues): Promise<StageSnapshot> {
  const snapshot: StageSnapshot = {};
  for (const value of (await histogram.get()).values) {
    const stage = String(value.labels.stage);
    const entry = (snapshot[stage] ??= { buckets: [], sum: 0, count: 0 });
    if (value.metricName?.endsWith('_bucket')) entry.buckets.push({ le: Number(value.labels.le), count: value.value });
    else if (value.metricName?.endsWith('_sum')) entry.sum = value.value;
    else if (value.metricName?.endsWith('_count')) entry.count = value.value;
  }
  for (const entry of Object.values(snapshot)) entry.buckets.sort((a, b) => a.le - b.le);
  return snapshot;
}

/** What happened between two snapshots of the same process, per stage that ran in between. */
export function stageTimes(before: StageSnapshot, after: StageSnapshot): StageTimes {
  const times: StageTimes = {};
  for (const [stage, now] of Object.entries(after)) {
    const then = before[stage];
    const count = now.count - (then?.count ?? 0);
    if (count <= 0) continue;
    const buckets = now.buckets.map((b, i) => ({ le: b.le, count: b.count - (then?.buckets[i]?.count ?? 0) }));
    times[stage] = {
      requests: count,
      mean: round2((1000 * (now.sum - (then?.sum ?? 0))) / count),
      p50: round2(1000 * quantile(0.5, buckets, count)),
      p99: round2(1000 * quantile(0.99, buckets, count)),
    };
  }
  return times;
}

/**
 * Prometheus' histogram_quantile: the bucket the rank falls in, and linear interpolation between
 * its bounds (the first bucket from 0). A rank in the +Inf bucket answers the highest finite bound:
 * the histogram cannot tell more.
 */
export function quantile(q: number, cumulative: readonly { le: number; count: number }[], total: number): number {
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const { le, count } of cumulative) {
    if (count >= rank) {
      if (!Number.isFinite(le)) return lower;
      const inBucket = count - below;
      return inBucket === 0 ? le : lower + ((le - lower) * (rank - below)) / inBucket;
    }
    lower = Number.isFinite(le) ? le : lower;
    below = count;
  }
  return lower;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
