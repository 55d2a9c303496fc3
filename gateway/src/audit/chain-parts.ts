import type { PoolClient } from 'pg';
import { problem, type ChainCheck, type ChainSpan, type LogProblem } from './chain-check';

/** Below this many records per part, a second connection costs more than it saves. */
const SMALLEST_PART = 1_000;

/**
 * Where to cut the chains in two by position: half the longest writer's length, from the
 * writers' heads (no scan). Null when the log is too small to be worth two connections. Every
 * record lies on one side of the cut, whatever its writer, so nothing is left unread.
 */
export async function splitPoint(client: PoolClient): Promise<number | null> {
  const { rows } = await client.query<{ longest: string | null }>('SELECT max(head_seq) AS longest FROM log_writers');
  const split = Math.floor(Number(rows[0]?.longest ?? 0) / 2);
  return split >= SMALLEST_PART ? split : null;
}

/**
 * Joins the chains read in two parts, seq ≤ `split` and seq > `split`, the second read anchored
 * on its first record of each writer: each writer's second part must start at `split + 1` and
 * follow the hash the first part ended on. Returns the merged spans and the first problem in
 * chain order (writer as PostgreSQL orders them, then seq), as one connection would have found.
 */
export async function joinAtSplit(
  client: PoolClient,
  first: ChainCheck,
  second: ChainCheck,
  split: number,
  anchored: boolean,
): Promise<{ spans: Map<string, ChainSpan>; problem: LogProblem | undefined }> {
  const order = await writerOrder(client, [...new Set([...first.spans.keys(), ...second.spans.keys()])]);
  const rank = (writerId: string) => order.get(writerId) ?? Number.MAX_SAFE_INTEGER;
  // The first part stopped at its problem: from that writer on, its spans are not whole.
  const firstComplete = (writerId: string) => !first.problem || rank(writerId) < rank(first.problem.writerId);

  const candidates: LogProblem[] = [first.problem, second.problem].filter((p): p is LogProblem => p !== undefined);
  const spans = new Map(first.spans);
  for (const [writerId, later] of second.spans) {
    const earlier = first.spans.get(writerId);
    if (!earlier) {
      spans.set(writerId, later);
      if (!anchored && firstComplete(writerId)) {
        candidates.push(
          problem('deleted', writerId, 1, `the chain starts at seq ${later.firstSeq}: records 1 to ${later.firstSeq - 1} are missing`),
        );
      }
      continue;
    }
    spans.set(writerId, {
      firstSeq: earlier.firstSeq,
      lastSeq: later.lastSeq,
      firstPrevHash: earlier.firstPrevHash,
      lastHash: later.lastHash,
      hashes: new Map([...earlier.hashes, ...later.hashes]),
    });
    if (!firstComplete(writerId)) continue;
    const missingFrom = earlier.lastSeq !== split ? earlier.lastSeq + 1 : later.firstSeq !== split + 1 ? split + 1 : null;
    if (missingFrom !== null) {
      const to = later.firstSeq - 1;
      candidates.push(
        problem('deleted', writerId, missingFrom, missingFrom === to ? `seq ${to} is missing` : `seqs ${missingFrom} to ${to} are missing`),
      );
    } else if (later.firstPrevHash !== earlier.lastHash) {
      candidates.push(problem('modified', writerId, split, `the hash of seq ${split} was recomputed: seq ${split + 1} does not follow it`));
    }
  }
  // Stable sort: on a tie the parts' own problems (listed first) win over the joins.
  candidates.sort((a, b) => rank(a.writerId) - rank(b.writerId) || a.seq - b.seq);
  return { spans, problem: candidates[0] };
}

/** Writers in the order the stream reads them (PostgreSQL's collation, not JavaScript's). */
async function writerOrder(client: PoolClient, writerIds: string[]): Promise<Map<string, number>> {
  const { rows } = await client.query<{ w: string }>('SELECT w FROM unnest($1::text[]) AS w ORDER BY w', [writerIds]);
  return new Map(rows.map((row, i) => [row.w, i]));
}
