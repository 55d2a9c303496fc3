import { groupLabel, type StatCount } from './stats-query';

/** A table of controlled counts: a suppressed cell says so (never 0), a rounded one is marked ≈. */
export function StatTable({ caption, counts }: { caption: string; counts: readonly StatCount[] }) {
  return (
    <table className="stat-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col" className="num">
            Count
          </th>
        </tr>
      </thead>
      <tbody>
        {counts.length === 0 ? (
          <tr>
            <td colSpan={2}>No groups in this period.</td>
          </tr>
        ) : (
          counts.map((c) => (
            <tr key={c.label} className={c.suppressed ? 'suppressed' : c.rounded ? 'rounded' : undefined}>
              <th scope="row">{groupLabel(c.label)}</th>
              <td className="num" data-suppressed={c.suppressed || undefined} data-rounded={c.rounded || undefined}>
                {c.suppressed ? (
                  <span className="suppressed-cell">
                    <abbr title="Suppressed: a count of 1 to 7 is not shown (rule 9)">Suppressed</abbr>
                  </span>
                ) : c.count === null || c.count === undefined ? (
                  'Not available'
                ) : c.rounded ? (
                  <span className="rounded-cell">
                    <abbr title="Rounded to the nearest 5 (rule 9)">≈</abbr> {c.count}
                  </span>
                ) : (
                  c.count
                )}
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
