import type { RequestContext } from '../model/request';
import type { Policy } from './decide';
import { denyApplies, names } from './rules';

/**
 * The public scope (docs/policy.md §2 and the last paragraph of §4.1): values reached from
 * `Query.supportService(s)`. The agreement's `publicFields` apply here and only here.
 */

export type PublicVerdict = { kind: 'shown' } | { kind: 'withheld'; rule: string | null; agreement: string | null };

export function publicFieldVerdict(policy: Policy, request: RequestContext, coordinate: string, chain: string[]): PublicVerdict {
  const namesHereOrAbove = (fields: string[]) => {
    const probe = { fields } as Parameters<typeof names>[0];
    return names(probe, coordinate) || chain.some((c) => names(probe, c));
  };
  const denies = policy.rules.filter((r) => r.effect === 'deny' && denyApplies(r, request) && namesHereOrAbove(r.fields));
  const outright = denies.find((r) => r.when.length === 0);
  if (outright) return { kind: 'withheld', rule: outright.id, agreement: outright.agreement.ref };
  // A conditional deny on a public field is refused when the agreement loads; were one there,
  // the oracle withholds without an error (fail closed, and an error would depend on the data).
  if (denies.length > 0) return { kind: 'withheld', rule: null, agreement: null };
  const publicFields = policy.agreements.flatMap((a) => a.publicFields);
  if (namesHereOrAbove(publicFields)) return { kind: 'shown' };
  return { kind: 'withheld', rule: 'no-matching-rule', agreement: null };
}
