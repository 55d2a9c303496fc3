import { groupLabel, type StatCount } from './stats-query';

/**
 * A table of controlled counts, every group of the statistic listed: a suppressed cell says
 * "Suppressed" (never 0, whatever it hides), a perturbed and rounded one is marked ≈, and an exact
 * one (the requester owns every record counted) is the plain figure.
 */
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
            {/* The hub lists every group of a fixed vocabulary: an empty list is a fault, not "nobody". */}
            <td colSpan={2}>The hub sent no groups for this statistic.</td>
          </tr>
        ) : (
          counts.map((c) => (
            <tr key={c.label} className={c.suppressed ? 'suppressed' : c.rounded ? 'rounded' : undefined}>
              <th scope="row">{groupLabel(c.label)}</th>
              <td
                className="num"
                data-suppressed={c.suppressed || undefined}
                data-rounded={(!c.suppressed && c.rounded) || undefined}
                data-exact={(!c.suppressed && !c.rounded && c.count != null) || undefined}
              >
                {c.suppressed ? (
                  <span className="suppressed-cell">
                    <abbr title="Suppressed: somewhere from 0 to 10 (rule 9); may be empty or not">Suppressed</abbr>
                  </span>
                ) : c.count === null || c.count === undefined ? (
                  'Not available'
                ) : c.rounded ? (
                  <span className="rounded-cell">
                    <abbr title="Perturbed by at most 3 and rounded to the nearest 5 (rule 9)">≈</abbr> {c.count}
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
