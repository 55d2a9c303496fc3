import { Kind, print, type FieldNode, type SelectionNode } from 'graphql';
import { isHiddenAlias } from '../policy/hidden-fields';

/**
 * The gateway's own reads (`__hub_id: id`, `__hub_consent: consent { recipients }`, the entity
 * keys) often repeat a field the client asked for in the same place: the dashboard asked every
 * partner for each person's `id` twice, the police for each report's handling code twice, the
 * charities for each episode's consent twice. A partner resolves and serialises each copy, so the
 * hub's calls cost the partners more than the same data asked once (`bench -- partner-ops` with ten
 * in flight). Here each such field is asked once, under the client's key, and the answer is given
 * its other keys before anything reads it, so the tree the policy and the merge see is the one the
 * partner would have sent for the full selection.
 *
 * Only copies the gateway reads are dropped: a field whose other occurrences are all the client's
 * is asked as the client wrote it (each of its keys must carry the partner's own error). Fields are
 * the same when name, arguments and selections print alike and neither has a directive (`@skip`
 * and `@include` decide per key whether it is there). A partner's error at the kept key is placed
 * there; the copies hold null, which every reader of a gateway field takes as unknown (the policy
 * then shares less, never more).
 */
export interface Expansion {
  /** At this level: [the key asked, a key that receives a copy of its answer]. */
  readonly copies: readonly (readonly [kept: string, copy: string])[];
  /** Below the keys asked (lists are walked through). */
  readonly below: ReadonlyMap<string, Expansion>;
}

/** The selections as sent, and how to expand an answer to them back into an answer to `selections`; null when nothing repeats. */
export function wireSelections(selections: readonly SelectionNode[]): { selections: SelectionNode[]; expansion: Expansion | null } {
  const below = new Map<string, Expansion>();
  const withChildren = withWireChildren(selections, below);
  // The fields that are the same, by what the partner resolves; the first of the client's is asked.
  // Compared as asked, the gateway's fields inside included: two that differ only there would
  // answer alike on the wire, but the copy would carry keys its own selection does not ask.
  const groups = new Map<string, string[]>();
  for (const selection of selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length) continue;
    const signature = signatureOf(selection);
    const keys = groups.get(signature);
    if (keys) keys.push(keyOf(selection));
    else groups.set(signature, [keyOf(selection)]);
  }
  const copies: [string, string][] = [];
  const copied = new Set<string>();
  for (const keys of groups.values()) {
    const kept = keys.find((key) => !isHiddenAlias(key)) ?? keys[0]!;
    for (const key of keys)
      if (key !== kept && isHiddenAlias(key) && !copied.has(key)) {
        copies.push([kept, key]);
        copied.add(key);
      }
  }
  if (copies.length === 0) return { selections: withChildren, expansion: below.size > 0 ? { copies, below } : null };
  for (const copy of copied) below.delete(copy);
  return {
    selections: withChildren.filter((s) => s.kind !== Kind.FIELD || s.directives?.length || !copied.has(keyOf(s))),
    expansion: { copies, below },
  };
}

/**
 * Gives an answer to the wire selections the keys of the copies, in place. False when the answer
 * already holds a key it was not asked for on the wire: a partner that sends a copy itself could
 * make the gateway's read differ from the client's field, so its answer is not merged.
 */
export function expandAnswer(value: unknown, expansion: Expansion | null): boolean {
  if (expansion === null || value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every((item) => expandAnswer(item, expansion));
  const object = value as Record<string, unknown>;
  for (const [key, inner] of expansion.below) if (Object.hasOwn(object, key) && !expandAnswer(object[key], inner)) return false;
  for (const [kept, copy] of expansion.copies) {
    if (Object.hasOwn(object, copy)) return false;
    if (Object.hasOwn(object, kept)) object[copy] = copyOf(object[kept]);
  }
  return true;
}

/** The selections with each field's own selections as sent; the expansions below them go into `below`. */
function withWireChildren(selections: readonly SelectionNode[], below: Map<string, Expansion>): SelectionNode[] {
  return selections.map((selection) => {
    if (selection.kind !== Kind.FIELD || !selection.selectionSet) return selection;
    const inner = wireSelections(selection.selectionSet.selections);
    // A key asked twice (`consent { recipients } consent { date }`) is one object in the answer.
    if (inner.expansion) below.set(keyOf(selection), merged(below.get(keyOf(selection)), inner.expansion));
    return { ...selection, selectionSet: { kind: Kind.SELECTION_SET, selections: inner.selections } };
  });
}

function merged(a: Expansion | undefined, b: Expansion): Expansion {
  if (!a) return b;
  const below = new Map(a.below);
  for (const [key, inner] of b.below) below.set(key, merged(below.get(key), inner));
  return { copies: [...a.copies, ...b.copies.filter(([, copy]) => !a.copies.some(([, other]) => other === copy))], below };
}

/** A field as the partner resolves it: everything but the response key. */
function signatureOf(field: FieldNode): string {
  return print({ ...field, alias: undefined });
}

function keyOf(field: FieldNode): string {
  return field.alias?.value ?? field.name.value;
}

/** A separate copy: the policy shapes the client's value and reads the gateway's, and neither may see the other's edits. */
function copyOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyOf);
  const copy: Record<string, unknown> = {};
  // Never `__proto__` (an own key of parsed JSON): the check after this refuses such an answer anyway.
  for (const key of Object.keys(value)) if (key !== '__proto__') copy[key] = copyOf((value as Record<string, unknown>)[key]);
  return copy;
}
