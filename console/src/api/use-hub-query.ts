import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useEffect, useMemo } from 'react';
import { useQuery, type AnyVariables } from 'urql';
import { signOut } from '../auth/session';
import { signInRefusal } from './error-messages';
import { readHubResult, type HubResult } from './hub-result';

/** urql's useQuery, with the hub's own reading of the answer (withheld parts, handling, receipt, problems). */
export function useHubQuery<Data, Variables extends AnyVariables>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  { pause = false } = {},
) {
  const [result, reexecute] = useQuery<Data, Variables>({ query, variables, pause });
  const hub: HubResult = useMemo(() => readHubResult(result), [result]);
  useSignOutWhenRefused(hub);
  return { data: result.data, fetching: result.fetching, hub, reexecute: () => reexecute({ requestPolicy: 'network-only' }) };
}

/** A token the hub no longer accepts ends the session: the sign-in page says why, in the hub's words. */
export function useSignOutWhenRefused(hub: HubResult): void {
  const refusal = hub.problems.find((p) => p.code === 'UNAUTHENTICATED')?.message ?? null;
  useEffect(() => {
    if (refusal !== null) signOut(signInRefusal(refusal));
  }, [refusal]);
}
