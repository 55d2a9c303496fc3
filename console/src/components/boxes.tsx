import { useState } from 'react';
import type { RequestBox } from '../gql/graphql';
import { Link } from '../app/router';

/**
 * The sent / inbox tabs and the cursor pager shared by the workflow pages (information requests,
 * referrals): the same markup, so keyboard use and screen readers meet the same thing on each.
 */

/** Tabs between the boxes the user's roles give them; nothing when there is only one. */
export function BoxTabs({ boxes, current, path, label }: { boxes: RequestBox[]; current: RequestBox; path: string; label: string }) {
  if (boxes.length <= 1) return null;
  return (
    <nav className="tabs" aria-label={label}>
      <ul>
        {boxes.map((b) => (
          <li key={b}>
            <Link to={`${path}?box=${b}`} aria-current={b === current ? 'page' : undefined}>
              {b === 'INBOX' ? 'Inbox' : 'Sent'}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The cursors of the pages read so far: the last one is the page shown. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    newer: () => setCursors(cursors.slice(0, -1)),
    older: (endCursor: string | null | undefined) => setCursors([...cursors, endCursor ?? null]),
  };
}

/** Newer / older over a cursor-paged list; shown only when there is another page either way. */
export function CursorPager({
  pages,
  pageInfo,
  label,
}: {
  pages: ReturnType<typeof useCursorPages>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  label: string;
}) {
  if (pages.page <= 1 && !pageInfo.hasNextPage) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" onClick={pages.newer} disabled={pages.page <= 1}>
        Newer
      </button>
      <span aria-live="polite">Page {pages.page}</span>
      <button type="button" onClick={() => pages.older(pageInfo.endCursor)} disabled={!pageInfo.hasNextPage}>
        Older
      </button>
    </nav>
  );
}
