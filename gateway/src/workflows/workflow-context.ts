import { ForbiddenError } from '@hub/shared';
import type { DataSource } from 'typeorm';
import type { HubContext } from '../pipeline/hub-context';
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
