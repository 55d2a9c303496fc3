import { createContext, useContext, type ReactNode } from 'react';
import { MyAccessDocument, type MyAccessQuery } from '../gql/graphql';
import { useHubQuery } from '../api/use-hub-query';
import { Loading, ProblemList } from '../components/status';

export type Access = MyAccessQuery['myAccess'];

export const AccessContext = createContext<Access | null>(null);

/** myAccess, once per sign-in: who the hub says the user is and what their approval allows. */
export function AccessProvider({ children }: { children: ReactNode }) {
  const { data, fetching, hub, reexecute } = useHubQuery(MyAccessDocument, {});
  if (fetching && !data) return <Loading what="your access" />;
  if (!data) return <ProblemList problems={hub.problems} requestId={hub.requestId} onRetry={reexecute} />;
  return <AccessContext.Provider value={data.myAccess}>{children}</AccessContext.Provider>;
}

export function useAccess(): Access {
  const access = useContext(AccessContext);
  if (!access) throw new Error('useAccess outside AccessProvider');
  return access;
}

export function hasRole(access: Access, ...roles: string[]): boolean {
  return access.roles.some((r) => roles.includes(r));
}
