/** Where two GraphQL answers' data first differ (a path such as `people.3.police.names`), or null when equal. */
export function firstDifference(expected: unknown, actual: unknown, path = ''): string | null {
  if (expected === actual) return null;
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return path || '(root)';
    if (expected.length !== actual.length) return `${path} (length ${expected.length} vs ${actual.length})`;
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(expected[i], actual[i], join(path, String(i)));
      if (d) return d;
    }
    return null;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      if (!(key in expected) || !(key in actual)) return `${join(path, key)} (only one side has it)`;
      const d = firstDifference(expected[key], actual[key], join(path, key));
      if (d) return d;
    }
    return null;
  }
  return `${path || '(root)'} (${JSON.stringify(expected)?.slice(0, 60)} vs ${JSON.stringify(actual)?.slice(0, 60)})`;
}

export interface ShapeComparison {
  /** Where the shape differs beyond withholding, or null. */
  difference: string | null;
  /** Leaf values the baseline has that the other answer withholds (gives as null, or under a null or [] in their place). */
  withheld: number;
  /** Leaf values in the baseline. */
  leaves: number;
}

/**
 * Compares an answer under the policy with the unenforced baseline: the same fields wherever both
 * have a value, and each value either equal or withheld (null, or an empty list).
 */
export function compareShape(baseline: unknown, enforced: unknown, path = ''): ShapeComparison {
  const result: ShapeComparison = { difference: null, withheld: 0, leaves: 0 };
  const walk = (b: unknown, e: unknown, at: string): void => {
    if (result.difference) return;
    if (b !== null && (e === null || (Array.isArray(e) && e.length === 0 && Array.isArray(b) && b.length > 0))) {
      const leaves = Math.max(countLeaves(b), 1);
      result.withheld += leaves;
      result.leaves += leaves;
      return;
    }
    if (Array.isArray(b) && Array.isArray(e)) {
      if (b.length !== e.length) result.difference = `${at} (length ${b.length} vs ${e.length})`;
      else b.forEach((item, i) => walk(item, e[i], join(at, String(i))));
      return;
    }
    if (isObject(b) && isObject(e)) {
      for (const key of new Set([...Object.keys(b), ...Object.keys(e)])) {
        if (!(key in b) || !(key in e)) result.difference = `${join(at, key)} (only one side has it)`;
        else walk(b[key], e[key], join(at, key));
      }
      return;
    }
    result.leaves++;
    if (b !== e) result.difference = `${at || '(root)'} (${JSON.stringify(b)?.slice(0, 60)} vs ${JSON.stringify(e)?.slice(0, 60)})`;
  };
  walk(baseline, enforced, path);
  return result;
}

function countLeaves(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + countLeaves(v), 0);
  if (isObject(value)) return Object.values(value).reduce<number>((n, v) => n + countLeaves(v), 0);
  return 1;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
