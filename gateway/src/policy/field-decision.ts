import type { SubgraphName } from '@hub/shared';
import type { CompiledRule } from './compiled-policy';

/** Why a field was withheld, in the words the client, the explain API and the log all use. */
export interface Withheld {
  /** The rule that decided: an agreement rule id, or a hub condition such as `ISA-6.4-approval`. */
  rule: string;
  /** `isa-msht-wm@1`, or null when no agreement was reached (e.g. no approval). */
  agreement: string | null;
  reason: string;
  /** What would make it allowed, for `explainAccess`. */
  needed?: string;
  /** The lawful next step, where there is one: ask the owner for it (an information request). */
  remedy?: Remedy;
  /**
   * Withheld on its record by a deny the agreement signposts: the requester is told (an error at
   * the field) and the log records the telling (docs/policy.md §5).
   */
  signposted?: true;
}

export interface Remedy {
  kind: 'REQUEST_FROM_OWNER';
  owner: SubgraphName;
}

export type FieldDecision =
  /** References the client supplied, `__typename`, the gateway's own fields: never partner data. */
  | { kind: 'structural' }
  /** The directory reached from its own root fields (rule 10). */
  | { kind: 'public' }
  /** Allowed, unless a deny whose record conditions hold applies to this record. */
  | { kind: 'allow'; allowedBy: CompiledRule[]; conditionalDenies: CompiledRule[] }
  /** Allowed only if one allow's record conditions hold (and no conditional deny's do). */
  | { kind: 'conditional'; conditionalAllows: CompiledRule[]; conditionalDenies: CompiledRule[] }
  /** Withheld before execution: the owner is never asked for it. */
  | { kind: 'deny'; withheld: Withheld }
  /**
   * No allow rule covers it: it only holds other fields, and is shown when something inside is
   * (§5) — unless a deny whose record conditions hold applies to it.
   */
  | { kind: 'container'; conditionalDenies: CompiledRule[] };

/** The rules whose record conditions are decided at this very occurrence. */
export function recordRules(decision: FieldDecision): CompiledRule[] {
  if (decision.kind === 'conditional') return [...decision.conditionalAllows, ...decision.conditionalDenies];
  if (decision.kind === 'allow' || decision.kind === 'container') return decision.conditionalDenies;
  return [];
}

/** Denies whose record conditions are decided at this occurrence. */
export function conditionalDeniesOf(decision: FieldDecision): CompiledRule[] {
  return decision.kind === 'conditional' || decision.kind === 'allow' || decision.kind === 'container' ? decision.conditionalDenies : [];
}

/** Whether any rule's record conditions are decided at this occurrence: recordRules(decision).length > 0, without making the list (asked per value). */
export function needsRecordCheck(decision: FieldDecision): boolean {
  if (decision.kind === 'conditional') return decision.conditionalAllows.length > 0 || decision.conditionalDenies.length > 0;
  if (decision.kind === 'allow' || decision.kind === 'container') return decision.conditionalDenies.length > 0;
  return false;
}

/** The rules that allowed a shown value: what the log names. */
export function allowingRules(decision: FieldDecision | undefined): CompiledRule[] {
  if (decision?.kind === 'allow') return decision.allowedBy;
  if (decision?.kind === 'conditional') return decision.conditionalAllows;
  return [];
}
