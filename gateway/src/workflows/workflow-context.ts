import { ForbiddenError } from '@hub/shared';
import type { DataSource } from 'typeorm';
import type { HubContext } from '../pipeline/hub-context';
import { decideOperation } from '../policy/decide-operation';
import type { Actor } from './workflow-history';

/** One store per hub database, made on first use: the workflows' resolvers share this. */
export function storeOn<S>(Store: new (dataSource: DataSource) => S): (context: HubContext) => S {
  const stores = new WeakMap<DataSource, S>();
  return (context) => {
    const { dataSource } = context.store;
    let store = stores.get(dataSource);
    if (!store) stores.set(dataSource, (store = new Store(dataSource)));
    return store;
  };
}

/** Who acts, as the workflow history records them. */
export function actorOf(context: HubContext): Actor {
  const { issuer, userId, org } = context.principal;
  return { issuer, userId, org };
}

/** Approved users only: requests, referrals and their inboxes are all case work. */
export function requireApproved(context: HubContext): void {
  if (!context.hubRequest.approval)
    throw new ForbiddenError(`${context.principal.userId} is not approved by their organisation's nominated representative (ISA 6.4)`);
}

/**
 * A workflow's list (an inbox, what one sent) carries what its calls handle: subjects, reasons,
 * what was shared. So it is read under the rule of the call it serves: its roles, its purposes,
 * the agreement in force (red team, 2 December: inboxes read with no purpose, or one the reader
 * is not approved for, and during a suspension).
 */
export function requireMayCall(context: HubContext, operation: `Mutation.${string}`, list: string): void {
  const decision = decideOperation(operation, context.policy.operationRulesAt.get(operation) ?? [], context.hubRequest);
  if (decision.kind === 'deny')
    throw new ForbiddenError(`${list} is read by whoever may call ${operation}, for its purposes: ${decision.withheld.reason}`, {
      rule: decision.withheld.rule,
    });
}
