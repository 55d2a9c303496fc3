import { requestLogger, type SubgraphName } from '@hub/shared';
import { GraphQLError, type FieldNode, type GraphQLFieldResolver, type GraphQLResolveInfo } from 'graphql';
import { allow, chain, not, or, rule } from 'graphql-shield';
import type { IOptions, IRule, ShieldRule } from 'graphql-shield/typings/types';
import type { CompiledRule } from './compiled-policy';
import { controllersIn } from './data-controller';
import { defaultDeny, ruleWithheld } from './decide-field';
import { conditionalDeniesOf, needsRecordCheck, recordRules, type FieldDecision, type Withheld } from './field-decision';
import type { HubRequest } from './hub-request';
import { isInsideHiddenField } from './hidden-fields';
import type { OperationPlan, PlanNode } from './plan-operation';
import { enclosingSubjectKey, pathKey } from './subject-path';

/** RequestPolicy.decidedValue's answer where only deciding (or refusing) could say. */
export const UNDECIDED: unique symbol = Symbol('undecided');

/** The context field through which resolvers reach the request's policy. */
export interface PolicyContext {
  hubPolicy?: RequestPolicy;
  /** Set only by the benchmark's baseline: no policy at all. Absent policy otherwise denies. */
  enforcementOff?: true;
}

/** What a record rule is decided on: the list item (item conditions) and the record holding the field. */
interface DecisionTarget {
  item?: Record<string, unknown>;
  parent: Record<string, unknown>;
  /**
   * The allows graphql-shield found holding while it decided (every rule of an `or` is evaluated):
   * which allowed the value, for the log, without deciding them again.
   */
  allowsHeld?: CompiledRule[];
}

/** A value withheld on record data: recorded for the log, never told to the client (docs/policy.md §5). */
export interface RecordWithholding {
  /** The enclosing subject's response path (`people.3`), or undefined outside any subject. */
  subjectPath: string | undefined;
  coordinate: string;
  owner: SubgraphName | undefined;
  withheld: Withheld;
  /** The field's response path (`person.support.0.consent`): the shaper finds the enclosing record's controller from it. */
  path: string;
  /**
   * When the withheld value is itself records that name their data controller (support
   * episodes), the controllers they named (null for one that named none): the value is gone from
   * the response, so the shaper cannot read them there.
   */
  controllers?: (string | null)[];
  /**
   * Set when the requester is told (a signposted deny, docs/policy.md §5): the response path of
   * the field (`person.police.currentAddress`) and the rule the telling discloses under.
   */
  signpost?: { path: string; rule: CompiledRule };
}

const SHIELD_OPTIONS: IOptions = {
  debug: false,
  allowExternalErrors: true,
  fallbackRule: allow,
  hashFunction: () => '',
};

/**
 * Phase 2 of enforcement, for one request: the record conditions, decided by graphql-shield
 * rules with the parent value (or each item of a list), only on the fields whose decision
 * needs them. A value that fails is withheld quietly — null, or left out of its list — as if it
 * did not exist; the response shaper then makes its container look absent too.
 */
export class RequestPolicy {
  /** Person objects by response path, with the facts the plan fetched beside them. */
  private readonly subjects = new Map<string, Record<string, unknown>>();
  readonly conditionNotes = new Set<string>();
  readonly withheldOnRecords: RecordWithholding[] = [];
  /**
   * For each value one of several rules with record conditions allowed, by its response path (an
   * item's, as execution numbers the items kept): which of the rules held for it. The log names only those for
   * the value and what is below it (shape-response.ts), never every rule the plan considered — a
   * disclosure on request about another subject among them.
   */
  readonly allowedOnRecords = new Map<string, readonly CompiledRule[]>();
  /** Errors raised while deciding: each one denied its value and is reported, never swallowed. */
  readonly decisionErrors: { path: string; error: unknown }[] = [];
  private readonly composed = new WeakMap<FieldDecision, ShieldRule>();
  /** Values decided before execution (decide-ahead.ts), by response path: execution reads them without a promise. */
  private decidedAhead: ReadonlyMap<string, unknown> | undefined;

  constructor(
    readonly plan: OperationPlan,
    readonly request: HubRequest,
    private readonly shieldRules: ShieldRulesForAgreements,
  ) {}

  /**
   * Synchronous unless a record check is due: most wrapped fields pass straight through, and a
   * promise for each of them would cost graphql-js an asynchronous completion per value.
   */
  guard(original: GraphQLFieldResolver<any, any>, parent: any, args: any, context: any, info: GraphQLResolveInfo): unknown {
    if (this.plan.needsSubjectFacts && info.parentType.name === 'Person') this.subjects.set(pathKey(info.path.prev), parent);
    const planned = this.recordCheckAt(info.fieldNodes[0]!);
    if (planned === 'unplanned') return policyError('the field was not planned');
    if (planned === 'none') return original(parent, args, context, info);
    if (this.decidedAhead) {
      const path = pathKey(info.path);
      if (this.decidedAhead.has(path)) return this.decidedAhead.get(path);
    }
    // The value first: a partner that did not answer is an error to report, not a record to decide on.
    // (Already there on the planned core's tree, so no promise is made for it.)
    const value: unknown = original(parent, args, context, info);
    if (isPromise(value)) return value.then((resolved) => this.decide(planned, resolved, parent, args, context, info));
    return this.decide(planned, value, parent, args, context, info);
  }

  /**
   * What guard answers for a field without deciding anything (execution/complete-answers.ts):
   * the field's own value where no record check is due, what was decided before execution at its
   * path, or UNDECIDED where guard would decide now or refuse. Subjects need not be noted:
   * nothing is decided after the walk that noted them.
   */
  decidedValue(node: FieldNode, own: unknown, path: () => GraphQLResolveInfo['path']): unknown {
    const planned = this.recordCheckAt(node);
    if (planned === 'none') return own;
    if (planned === 'unplanned' || !this.decidedAhead) return UNDECIDED;
    const key = pathKey(path());
    return this.decidedAhead.has(key) ? this.decidedAhead.get(key) : UNDECIDED;
  }

  /** The plan node whose record check guard makes at a field; `none` if it makes none; `unplanned` if the plan does not know it (refused). */
  private recordCheckAt(node: FieldNode): PlanNode | 'none' | 'unplanned' {
    // The gateway's own reads (hidden fields) pass.
    if (isInsideHiddenField(node)) return 'none';
    const planned = this.plan.nodesByField.get(node);
    if (!planned?.decision) return 'unplanned';
    return needsRecordCheck(planned.decision) ? planned : 'none';
  }

  /**
   * Decides a field's value, already fetched, with its parent: the value, or null (or the list
   * without the items that fail). What guard does once it has the value; decide-ahead.ts calls it
   * for every such field before execution.
   */
  decide(planned: PlanNode, value: unknown, parent: any, args: any, context: any, info: GraphQLResolveInfo): Promise<unknown> {
    return decidedPerItem(planned.decision!)
      ? this.keepItems(planned, value, parent, args, context, info)
      : this.decideField(planned, value, parent, args, context, info);
  }

  /** Execution reads these values instead of deciding again; undefined goes back to deciding during execution. */
  useDecidedAhead(values: ReadonlyMap<string, unknown> | undefined): void {
    this.decidedAhead = values;
  }

  /** Notes the Person at a response path (with the facts fetched beside it) for the conditions below it. */
  noteSubject(path: string, person: Record<string, unknown>): void {
    if (this.plan.needsSubjectFacts) this.subjects.set(path, person);
  }

  /**
   * What deciding has recorded so far, and a way back to it: decide-ahead.ts decides before
   * execution, and if execution then goes a way it did not foresee (an error), what it recorded is
   * undone and execution decides as it goes.
   */
  checkpoint(): () => void {
    const notes = [...this.conditionNotes];
    const withheld = this.withheldOnRecords.length;
    const errors = this.decisionErrors.length;
    const subjects = [...this.subjects];
    const allowed = [...this.allowedOnRecords];
    return () => {
      this.allowedOnRecords.clear();
      for (const [key, rules] of allowed) this.allowedOnRecords.set(key, rules);
      this.conditionNotes.clear();
      for (const note of notes) this.conditionNotes.add(note);
      this.withheldOnRecords.length = withheld;
      this.decisionErrors.length = errors;
      this.subjects.clear();
      for (const [path, person] of subjects) this.subjects.set(path, person);
      this.decidedAhead = undefined;
    };
  }

  private async decideField(
    planned: PlanNode,
    value: unknown,
    parent: any,
    args: any,
    context: any,
    info: GraphQLResolveInfo,
  ): Promise<unknown> {
    if (value instanceof Error) return value;
    const target: DecisionTarget = { parent: parent ?? {} };
    if (await this.passes(planned.decision!, target, args, context, info)) {
      this.noteAllowed(planned, target, () => pathKey(info.path));
      return value;
    }
    this.noteWithheld(planned, target, info, value, this.signpostFor(planned.decision!, target, info));
    return null;
  }

  private async keepItems(
    planned: PlanNode,
    value: unknown,
    parent: any,
    args: any,
    context: any,
    info: GraphQLResolveInfo,
  ): Promise<unknown> {
    // A partner that did not answer is an error to report, not a record to decide on.
    if (value == null || value instanceof Error) return value;
    // Items of a merged type (a linked Person with fields from other partners) arrive, on the
    // stitched schema, as promises of the merged object: decide on what they resolve to.
    const listed: unknown[] = Array.isArray(value) ? value : [value];
    const items = listed.some(isPromise) ? await Promise.all(listed) : listed;
    const kept: unknown[] = [];
    for (const item of items) {
      const target: DecisionTarget = { item: (item ?? {}) as Record<string, unknown>, parent: parent ?? {} };
      if (item != null && (await this.passes(planned.decision!, target, args, context, info))) {
        kept.push(item);
        const index = kept.length - 1;
        this.noteAllowed(planned, target, () => (Array.isArray(value) ? `${pathKey(info.path)}.${index}` : pathKey(info.path)));
      } else this.noteWithheld(planned, target, info, item);
    }
    if (!Array.isArray(value)) return kept[0] ?? null;
    return kept;
  }

  private async passes(
    decision: FieldDecision,
    target: DecisionTarget,
    args: any,
    context: any,
    info: GraphQLResolveInfo,
  ): Promise<boolean> {
    return (await this.fieldRule(decision).resolve(target, args, context, info, SHIELD_OPTIONS)) === true;
  }

  /**
   * Evaluates one agreement rule's record conditions on a target. Unknown facts share less: an
   * allow does not hold, a deny does. An error does the same and is recorded.
   */
  holds(compiled: CompiledRule, target: DecisionTarget, info: GraphQLResolveInfo): boolean {
    const failClosed = compiled.effect === 'deny';
    try {
      const key = enclosingSubjectKey(info.path);
      const input = {
        requester: this.request.requester,
        owner: compiled.owner,
        item: target.item,
        parent: target.parent,
        subject: key === undefined ? undefined : this.subjects.get(key),
        note: (text: string) => this.conditionNotes.add(`${pathKey(info.path)}: ${text}`),
      };
      return compiled.conditions.every((condition) => condition.decide(input) ?? failClosed);
    } catch (error) {
      this.decisionErrors.push({ path: pathKey(info.path), error });
      // The coordinate, not the path: a path carries the client's aliases.
      requestLogger('gateway').error(
        { err: error, rule: compiled.id, agreement: compiled.agreementRef, field: `${info.parentType.name}.${info.fieldName}` },
        'record rule failed; the field is denied',
      );
      return failClosed;
    }
  }

  /** deny wins: no conditional deny may hold, and (unless already allowed) one conditional allow must. */
  private fieldRule(decision: FieldDecision): ShieldRule {
    let composed = this.composed.get(decision);
    if (!composed) {
      const allows = decision.kind === 'conditional' ? decision.conditionalAllows : [];
      const denies = conditionalDeniesOf(decision);
      // A single rule is used as it is, not inside or(): each logic rule is one more level of promises per value.
      const anyOf = (rules: readonly CompiledRule[]) =>
        rules.length === 1 ? this.shieldRules.of(rules[0]!) : or(...rules.map((r) => this.shieldRules.of(r)));
      const allowed = allows.length > 0 ? anyOf(allows) : allow;
      composed = denies.length > 0 ? chain(not(anyOf(denies)), allowed) : allowed;
      this.composed.set(decision, composed);
    }
    return composed;
  }

  /**
   * The signposted deny the requester is told of, if this value was withheld only by signposted
   * denies: the value would otherwise have been shown (an allow holds), so the telling says no
   * more than that rule's conditions hold. A container, or any unsignposted deny that also holds,
   * stays silent.
   */
  private signpostFor(decision: FieldDecision, target: DecisionTarget, info: GraphQLResolveInfo): CompiledRule | undefined {
    if (decision.kind !== 'allow' && decision.kind !== 'conditional') return undefined;
    const holding = conditionalDeniesOf(decision).filter((r) => this.holds(r, target, info));
    if (holding.length === 0 || !holding.every((r) => r.signpost === true)) return undefined;
    const allowed = decision.kind === 'allow' || decision.conditionalAllows.some((r) => this.holds(r, target, info));
    return allowed ? holding[0] : undefined;
  }

  /** Records, for the log, which rule withheld a value on its record (and, if signposted, where to say so). */
  private noteWithheld(planned: PlanNode, target: DecisionTarget, info: GraphQLResolveInfo, value: unknown, signpost?: CompiledRule): void {
    const withheld = signpost ? { ...ruleWithheld(signpost), signposted: true as const } : this.denial(planned.decision!, target, info);
    this.withheldOnRecords.push({
      subjectPath: enclosingSubjectKey(info.path),
      coordinate: planned.coordinate,
      owner: planned.owner,
      withheld,
      path: pathKey(info.path),
      ...(planned.controllerFact ? { controllers: controllersIn(value, planned.controllerFact) } : {}),
      ...(signpost ? { signpost: { path: pathKey(info.path), rule: signpost } } : {}),
    });
  }

  /** Which of several allows held for a value shown, at its path (allowedOnRecords). One alone held if the value is shown. */
  private noteAllowed(planned: PlanNode, target: DecisionTarget, path: () => string): void {
    const decision = planned.decision!;
    if (decision.kind !== 'conditional' || decision.conditionalAllows.length < 2) return;
    this.allowedOnRecords.set(path(), target.allowsHeld ?? []);
  }

  private denial(decision: FieldDecision, target: DecisionTarget, info: GraphQLResolveInfo): Withheld {
    const denied = conditionalDeniesOf(decision).find((r) => this.holds(r, target, info));
    if (denied) return { rule: denied.id, agreement: denied.agreementRef, reason: denied.description };
    if (decision.kind !== 'conditional' || decision.conditionalAllows.length === 0)
      return { rule: 'policy-error', agreement: null, reason: 'no rule could allow this value' };
    // The first agreement rule that could have allowed it. A disclosure on request is never named:
    // the record may be another subject's, or another charity's (whose data protection officer
    // reads it), and a request may be kept even from its own subject (tipping off). Nor hinted at:
    // withheld where only a disclosure about someone else could have shared it, the record says what
    // it says where there is none (a reason naming "disclosure on request" told another charity's
    // data protection officer that one existed).
    const first = decision.conditionalAllows.find((r) => r.grantSubject === undefined);
    if (!first) {
      const { rule, agreement, reason } = defaultDeny(`${info.parentType.name}.${info.fieldName}`, this.request);
      return { rule, agreement, reason };
    }
    return {
      rule: first.id,
      agreement: first.agreementRef,
      reason: `${first.description} The record does not meet: ${first.conditions.map((c) => c.name).join(', ')}`,
    };
  }
}

/**
 * One graphql-shield rule per rule with record conditions: built once for the agreements' rules,
 * and per request for a requester's disclosures on request (weakly held, so they go with it).
 */
export class ShieldRulesForAgreements {
  private readonly rules = new WeakMap<CompiledRule, IRule>();

  of(compiled: CompiledRule): IRule {
    let shieldRule = this.rules.get(compiled);
    if (!shieldRule) {
      // no_cache: a contextual cache would reuse one record's verdict for another's (docs/adr/0002-two-phase-enforcement.md).
      shieldRule = rule(`${compiled.agreementRef}:${compiled.id}`, { cache: 'no_cache' })(
        (target: DecisionTarget, _args, context: PolicyContext, info) => {
          const held = context.hubPolicy!.holds(compiled, target, info);
          if (held && compiled.effect === 'allow') (target.allowsHeld ??= []).push(compiled);
          return held;
        },
      ) as IRule;
      this.rules.set(compiled, shieldRule);
    }
    return shieldRule;
  }
}

/** Decisions are made once per plan and asked per value: what each one is, worked out once. */
const perItemDecisions = new WeakMap<FieldDecision, boolean>();

/** A rule with a condition on each item decides the list item by item; others the field at once. */
function decidedPerItem(decision: FieldDecision): boolean {
  let perItem = perItemDecisions.get(decision);
  if (perItem === undefined) {
    perItem = recordRules(decision).some((r) => r.conditions.some((c) => c.scope === 'item'));
    perItemDecisions.set(decision, perItem);
  }
  return perItem;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === 'function';
}

function policyError(reason: string): GraphQLError {
  return forbidden({ rule: 'policy-error', agreement: null, reason });
}

export function forbidden(withheld: Withheld): GraphQLError {
  return new GraphQLError(`Withheld: ${withheld.reason}`, {
    extensions: {
      code: 'FORBIDDEN',
      rule: withheld.rule,
      agreement: withheld.agreement,
      reason: withheld.reason,
      ...(withheld.needed ? { needed: withheld.needed } : {}),
      ...(withheld.remedy ? { remedy: withheld.remedy } : {}),
      ...(withheld.signposted ? { signposted: true } : {}),
    },
  });
}
