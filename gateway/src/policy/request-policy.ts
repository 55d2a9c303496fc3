import { GraphQLError, type GraphQLFieldResolver, type GraphQLResolveInfo } from 'graphql';
import { allow, chain, not, or, rule } from 'graphql-shield';
import type { IOptions, IRule, ShieldRule } from 'graphql-shield/typings/types';
import { ITEM_CONDITIONS, type CompiledRule } from './compiled-policy';
import { ruleWithheld } from './decide-field';
import { needsRecordCheck, type FieldDecision, type Withheld } from './field-decision';
import type { HubRequest } from './hub-request';
import { isInsideHiddenField, type OperationPlan } from './plan-operation';
import { conditionsHold } from './record-conditions';
import { enclosingSubjectKey, pathKey } from './subject-path';

/** The context field through which resolvers reach the request's policy. */
export interface PolicyContext {
  hubPolicy?: RequestPolicy;
  /** Set only by the benchmark's baseline: no policy at all. Absent policy otherwise denies. */
  enforcementOff?: true;
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
 * needs them. Everything else passes straight to the stitched resolver.
 */
export class RequestPolicy {
  /** Person objects by response path, with the facts the plan fetched beside them. */
  private readonly subjects = new Map<string, Record<string, any>>();
  readonly conditionNotes = new Set<string>();
  /** Errors raised while deciding: each one denied its field and is reported, never swallowed. */
  readonly decisionErrors: { path: string; error: unknown }[] = [];
  private readonly composed = new WeakMap<FieldDecision, ShieldRule>();

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
    const node = info.fieldNodes[0]!;
    if (isInsideHiddenField(node)) return original(parent, args, context, info);
    const decision = this.plan.decisions.get(node);
    if (!decision) return forbidden({ rule: 'policy-error', agreement: null, reason: 'the field was not planned' });
    if (!needsRecordCheck(decision)) return original(parent, args, context, info);
    return hasItemConditions(decision)
      ? this.filterItems(decision, original, parent, args, context, info)
      : this.checkField(decision, original, parent, args, context, info);
  }

  private async checkField(
    decision: FieldDecision,
    original: GraphQLFieldResolver<any, any>,
    parent: any,
    args: any,
    context: any,
    info: GraphQLResolveInfo,
  ): Promise<unknown> {
    const verdict = await this.fieldRule(decision).resolve(parent, args, context, info, SHIELD_OPTIONS);
    return verdict === true ? original(parent, args, context, info) : forbidden(this.denial(decision, parent, info));
  }

  private async filterItems(
    decision: FieldDecision,
    original: GraphQLFieldResolver<any, any>,
    parent: any,
    args: any,
    context: any,
    info: GraphQLResolveInfo,
  ): Promise<unknown> {
    const value = await original(parent, args, context, info);
    if (!Array.isArray(value)) {
      if (value == null) return value;
      const verdict = await this.fieldRule(decision).resolve(value, args, context, info, SHIELD_OPTIONS);
      return verdict === true ? value : forbidden(this.denial(decision, value, info));
    }
    // Items that fail are left out silently: saying how many would reveal that they exist.
    const verdicts = await Promise.all(
      value.map((item) => (item == null ? false : this.fieldRule(decision).resolve(item, args, context, info, SHIELD_OPTIONS))),
    );
    return value.filter((_, i) => verdicts[i] === true);
  }

  /** Evaluates one agreement rule's record conditions. An error denies and is recorded. */
  check(compiled: CompiledRule, target: any, info: GraphQLResolveInfo): boolean {
    try {
      const key = enclosingSubjectKey(info.path);
      return conditionsHold(compiled, {
        requester: this.request.requester,
        target: target ?? {},
        subject: key === undefined ? undefined : this.subjects.get(key),
        info,
        noteCondition: (note) => this.conditionNotes.add(`${pathKey(info.path)}: ${note}`),
      });
    } catch (error) {
      this.decisionErrors.push({ path: pathKey(info.path), error });
      console.error(`[policy] error deciding ${compiled.agreementRef} ${compiled.id} at ${pathKey(info.path)}:`, error);
      // Fail closed: an allow does not hold; a deny does.
      return compiled.effect === 'deny';
    }
  }

  /** deny wins: no conditional deny may hold, and (unless already allowed) one conditional allow must. */
  private fieldRule(decision: FieldDecision): ShieldRule {
    let composed = this.composed.get(decision);
    if (!composed) {
      const allows = decision.kind === 'conditional' ? decision.conditionalAllows : decision.kind === 'container' ? decision.hoisted : [];
      const denies = decision.kind === 'conditional' || decision.kind === 'allow' ? decision.conditionalDenies : [];
      const allowed = allows.length > 0 ? or(...allows.map((r) => this.shieldRules.of(r))) : allow;
      composed = denies.length > 0 ? chain(not(or(...denies.map((r) => this.shieldRules.of(r)))), allowed) : allowed;
      this.composed.set(decision, composed);
    }
    return composed;
  }

  private denial(decision: FieldDecision, target: any, info: GraphQLResolveInfo): Withheld {
    const denies = decision.kind === 'conditional' || decision.kind === 'allow' ? decision.conditionalDenies : [];
    const denied = denies.find((r) => this.check(r, target, info));
    if (denied) return ruleWithheld(denied);
    const allows = decision.kind === 'conditional' ? decision.conditionalAllows : decision.kind === 'container' ? decision.hoisted : [];
    const first = allows[0];
    if (!first) return { rule: 'policy-error', agreement: null, reason: 'no rule could allow this field' };
    return {
      rule: first.id,
      agreement: first.agreementRef,
      reason: `${first.description} The record does not meet: ${(first.when ?? []).join(', ')}`,
      needed: (first.when ?? []).join(', '),
    };
  }
}

/** One graphql-shield rule per agreement rule with record conditions, built once at start-up. */
export class ShieldRulesForAgreements {
  private readonly rules = new Map<CompiledRule, IRule>();

  of(compiled: CompiledRule): IRule {
    let shieldRule = this.rules.get(compiled);
    if (!shieldRule) {
      // no_cache: a contextual cache would reuse one record's verdict for another's (spec §11).
      shieldRule = rule(`${compiled.agreementRef}:${compiled.id}`, { cache: 'no_cache' })((target, _args, context: PolicyContext, info) =>
        context.hubPolicy!.check(compiled, target, info),
      ) as IRule;
      this.rules.set(compiled, shieldRule);
    }
    return shieldRule;
  }
}

function hasItemConditions(decision: FieldDecision): boolean {
  const rules = decision.kind === 'conditional' ? decision.conditionalAllows : [];
  return rules.some((r) => (r.when ?? []).some((c) => ITEM_CONDITIONS.has(c)));
}

export function forbidden(withheld: Withheld): GraphQLError {
  return new GraphQLError(`Withheld: ${withheld.reason}`, {
    extensions: { code: 'FORBIDDEN', rule: withheld.rule, agreement: withheld.agreement, reason: withheld.reason },
  });
}
