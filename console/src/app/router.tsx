import { type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { Store, useStore } from './store';

/** A small router on the History API: the console's pages are a handful of fixed paths. */
const locationStore = new Store<string>(typeof window === 'undefined' ? '/' : window.location.pathname + window.location.search);

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => locationStore.set(window.location.pathname + window.location.search));
}

export function navigate(to: string, { replace = false } = {}): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  locationStore.set(to);
}

export function useLocation(): { path: string; query: URLSearchParams } {
  const full = useStore(locationStore);
  const [path, search = ''] = full.split('?');
  return { path: path || '/', query: new URLSearchParams(search) };
}

/** `/subject/:id` against `/subject/SUBJ-000001` → `{ id: 'SUBJ-000001' }`; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i]!.startsWith(':')) params[want[i]!.slice(1)] = decodeURIComponent(got[i]!);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

export function Link({ to, children, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a {...rest} href={to} onClick={onClick}>
      {children}
    </a>
  );
}
