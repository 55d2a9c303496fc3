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
}

export type FieldDecision =
  /** References the client supplied and `__typename`: never personal. */
  | { kind: 'structural' }
  /** Non-personal data any authenticated partner user may read (rule 10). */
  | { kind: 'public' }
  | { kind: 'allow'; allowedBy: CompiledRule[]; conditionalDenies: CompiledRule[] }
  /** Allowed only if record conditions hold: decided per value at execution (graphql-shield). */
  | { kind: 'conditional'; conditionalAllows: CompiledRule[]; conditionalDenies: CompiledRule[] }
  | { kind: 'deny'; withheld: Withheld }
  /**
   * A field that only contains others (Person.police): kept when something inside is allowed.
   * `hoisted` are allows inside it that depend on the subject alone: the container is shown
   * only if one holds, so that a denied inner field does not reveal that the record exists.
   */
  | { kind: 'container'; hoisted: CompiledRule[] };

export function needsRecordCheck(decision: FieldDecision): boolean {
  return (
    decision.kind === 'conditional' ||
    (decision.kind === 'allow' && decision.conditionalDenies.length > 0) ||
    (decision.kind === 'container' && decision.hoisted.length > 0)
  );
}
