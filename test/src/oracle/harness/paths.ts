import { getNamedType, isObjectType } from 'graphql';
import type { HubSchema } from '../model/schema';
import { collectFields, subSelections, type Operation } from '../semantics/operation';

/**
 * Response keys are aliases the generator made up; differences are grouped by field names
 * instead (`root3.a1.pncId` -> `person.police.pncId`), so one mistake in the gateway shows as
 * one line of the summary however many operations hit it.
 */
export function pathNamer(schema: HubSchema, op: Operation): (path: string) => string {
  return (path) => {
    let type = schema.objectType('Query');
    let sets = [op.operation.selectionSet] as readonly any[];
    const out: string[] = [];
    for (const key of path.split('.').filter((k) => k !== '' && !/^\d+$/.test(k))) {
      const asked = type ? collectFields(op, type, sets).find((f) => f.responseKey === key) : undefined;
      if (!asked || !type) {
        out.push(key);
        type = undefined as any;
        continue;
      }
      out.push(asked.fieldName);
      const named = asked.fieldName === '__typename' ? undefined : getNamedType(type.getFields()[asked.fieldName]!.type);
      type = isObjectType(named) ? named : (undefined as any);
      sets = subSelections(asked);
    }
    return out.join('.');
  };
}
