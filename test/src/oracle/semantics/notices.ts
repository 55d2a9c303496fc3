import type { SelectionSetNode } from 'graphql';
import { isLink, isObjectField, isStructural } from '../model/schema';
import { childOccurrence, decide, dependsOnRecord, namedTypeOf, rootOccurrence, withheldBeforeExecution, type Occurrence } from './decide';
import type { Env } from './evaluate';
import { collectFields, subSelections } from './operation';

/**
 * docs/policy.md §5 Notices: for every asked-for field whose verdict depends on record data, the
 * rules (and their conditions) decided there. A walk of the operation alone: the notices depend
 * on the operation and the request, never on the data, so no row is read here.
 */

export interface ExpectedNotice {
  /** Response keys from the root, without list positions. */
  at: string;
  rule: string;
  effect: 'allow' | 'deny';
  conditions: string[];
}

export function expectedNotices(env: Env): ExpectedNotice[] {
  const notices = new Map<string, ExpectedNotice>();
  const add = (at: string[], rule: { id: string; effect: 'allow' | 'deny'; when: string[] }) => {
    const notice = { at: at.join('.'), rule: rule.id, effect: rule.effect, conditions: rule.when };
    notices.set(`${notice.at}|${notice.rule}`, notice);
  };

  const subject = (typeName: string, selections: readonly SelectionSetNode[], at: string[]) => {
    const type = env.policy.schema.objectType(typeName);
    for (const asked of collectFields(env.op, type, selections)) {
      if (!isStructural(typeName, asked.fieldName)) field(rootOccurrence(typeName, asked), [...at, asked.responseKey]);
    }
  };

  const field = (occ: Occurrence, at: string[]) => {
    // Below a field withheld before execution nothing is decided on record data.
    if (withheldBeforeExecution(env.policy, env.request, env.op, occ)) return;
    const decision = decide(env.policy, env.request, occ);
    if (dependsOnRecord(decision) && decision.kind !== 'withheld') {
      for (const rule of decision.conditionalDenies) add(at, rule);
      if (decision.kind === 'allowed') for (const rule of decision.conditionalAllows) add(at, rule);
    }
    const definition = env.policy.schema.field(occ.parentType, occ.asked.fieldName);
    if (!isObjectField(definition)) return;
    const typeName = namedTypeOf(env.policy, occ);
    if (isLink(occ.parentType, definition)) return subject(typeName, subSelections(occ.asked), at);
    const type = env.policy.schema.objectType(typeName);
    for (const child of collectFields(env.op, type, subSelections(occ.asked))) {
      if (child.fieldName !== '__typename') field(childOccurrence(occ, typeName, child), [...at, child.responseKey]);
    }
  };

  const queryType = env.policy.schema.objectType('Query');
  for (const asked of collectFields(env.op, queryType, [env.op.operation.selectionSet])) {
    if (asked.fieldName === 'person' || asked.fieldName === 'people') subject('Person', subSelections(asked), [asked.responseKey]);
    if (asked.fieldName === 'location') subject('Location', subSelections(asked), [asked.responseKey]);
  }
  return [...notices.values()];
}
