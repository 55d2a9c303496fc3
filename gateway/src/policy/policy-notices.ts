import { conditionalDeniesOf, type FieldDecision } from './field-decision';

/**
 * What the policy may withhold at a path on record data, told whether or not it does
 * (docs/policy.md §5): it depends on the operation and the request only, never on the data.
 */
export interface PolicyNotice {
  /** Response keys from the root, without list positions: `person.police.currentAddress`. */
  at: string;
  rule: string;
  agreement: string;
  /** `allow`: shown only where the conditions hold; `deny`: withheld where they hold. */
  effect: 'allow' | 'deny';
  conditions: string[];
  reason: string;
}

export function noticesFor(at: string, decision: FieldDecision): PolicyNotice[] {
  const allows = decision.kind === 'conditional' ? decision.conditionalAllows : [];
  const denies = conditionalDeniesOf(decision);
  return [
    ...allows.map((rule) => ({
      at,
      rule: rule.id,
      agreement: rule.agreementRef,
      effect: 'allow' as const,
      conditions: rule.conditions.map((c) => c.name),
      reason: `shown only where ${rule.conditions.map((c) => c.description).join(' and ')} (${rule.description})`,
    })),
    ...denies.map((rule) => ({
      at,
      rule: rule.id,
      agreement: rule.agreementRef,
      effect: 'deny' as const,
      conditions: rule.conditions.map((c) => c.name),
      reason: `withheld where ${rule.conditions.map((c) => c.description).join(' and ')} (${rule.description})`,
    })),
  ];
}
