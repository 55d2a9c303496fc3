import { readdirSync } from 'node:fs';
import type { RecordCondition } from './record-condition';

/**
 * Every `*.condition.js` beside this file, loaded once. Adding a condition is adding its file:
 * nothing else lists the conditions (docs/policy.md §6, CONTRIBUTING.md).
 */
function loadConditions(): ReadonlyMap<string, RecordCondition> {
  const found = new Map<string, RecordCondition>();
  for (const file of readdirSync(__dirname)
    .filter((f) => f.endsWith('.condition.js'))
    .sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- discovery by file is the point
    const condition = (require(`./${file}`) as { default?: RecordCondition }).default;
    if (!condition?.name) throw new Error(`${file} must export a condition (export default defineCondition(...))`);
    if (found.has(condition.name)) throw new Error(`condition ${condition.name} is declared twice`);
    found.set(condition.name, condition);
  }
  return found;
}

export const RECORD_CONDITIONS: ReadonlyMap<string, RecordCondition> = loadConditions();

export function recordCondition(name: string): RecordCondition {
  const condition = RECORD_CONDITIONS.get(name);
  // Unreachable for a loaded agreement (the validator checks every name); fail loudly if not.
  if (!condition) throw new Error(`unknown record condition ${name}`);
  return condition;
}
