import { useId, useState } from 'react';
import { PARTNERS } from '../../api/labels';
import { useHubQuery } from '../../api/use-hub-query';
import { RequireCheckpoint } from '../../checkpoint/purpose-checkpoint';
import { HandlingBanner, ReceiptNote } from '../../components/handling';
import { Loading, ProblemList } from '../../components/status';
import { StatChart } from './stat-chart';
import { StatTable } from './stat-table';
import {
  defaultPeriod,
  PERIOD_KINDS,
  periodKind,
  periodLabel,
  periodOptions,
  STATISTICS_DOCUMENT,
  statisticsVariables,
  type Period,
  type PeriodKind,
  type StatCount,
  type Statistics,
} from './stats-query';

export function StatisticsPage() {
  const [period, setPeriod] = useState<Period>(() => defaultPeriod());
  return (
    <>
      <h1>Statistics</h1>
      <RequireCheckpoint purpose="STATISTICS">
        <p>
          Each partner counts its own records for a whole period that has ended, and puts the counts under disclosure control before they
          leave it (rule 9): a small count is suppressed, any other is perturbed a little and rounded to the nearest 5, unless your
          organisation owns every record counted.
        </p>
        <PeriodPicker period={period} onChange={setPeriod} />
        <StatisticsView period={period} key={period} />
      </RequireCheckpoint>
    </>
  );
}

/** A whole period: its kind (quarter, year, month), then one of that kind that has ended. */
function PeriodPicker({ period, onChange }: { period: Period; onChange: (period: Period) => void }) {
  const id = useId();
  const kind = periodKind(period);
  const options = periodOptions(kind);
  const choose = (next: PeriodKind) => {
    if (next === kind) return;
    const ended = periodOptions(next);
    // Keep to the same stretch of time: the newest period of the new kind that starts no later.
    onChange((ended.find((o) => o.value.slice(0, 4) <= period.slice(0, 4)) ?? ended[0]!).value);
  };
  return (
    <div className="period-picker">
      <fieldset>
        <legend>Kind of period</legend>
        <p className="hint" id={`${id}-hint`}>
          Whole calendar periods that have ended only: figures for a period still filling up would change with each record.
        </p>
        {PERIOD_KINDS.map((k) => (
          <label className="radio" key={k.kind}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={k.kind}
              checked={kind === k.kind}
              onChange={() => choose(k.kind)}
              aria-describedby={`${id}-hint`}
            />{' '}
            {k.label}
          </label>
        ))}
      </fieldset>
      <div className="field inline">
        <label htmlFor={`${id}-period`}>Period</label>
        <select id={`${id}-period`} value={period} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

type Group = { title: string; counts: readonly StatCount[] };

function groupsOf(stats: Statistics): { partner: string; subgraph: string; groups: Group[] | null }[] {
  const one = (c: StatCount | undefined) => (c ? [c] : []);
  return [
    {
      partner: PARTNERS.police.name,
      subgraph: 'police',
      groups: stats.police
        ? [
            { title: 'NRM referrals', counts: one(stats.police.nrmReferrals) },
            { title: 'NRM referrals by exploitation type', counts: stats.police.nrmReferralsByExploitationType },
            { title: 'NRM referrals by nationality', counts: stats.police.nrmReferralsByNationality },
            { title: 'Reasonable grounds decisions', counts: stats.police.nrmReasonableGrounds },
            { title: 'Slavery and trafficking orders made', counts: stats.police.ordersMade },
          ]
        : null,
    },
    {
      partner: PARTNERS['local-authority'].name,
      subgraph: 'local-authority',
      groups: stats.localAuthority
        ? [
            { title: 'Section 47 enquiries opened', counts: one(stats.localAuthority.section47Enquiries) },
            { title: 'Adult social care cases by primary need', counts: stats.localAuthority.adultSocialCareByNeed },
            { title: 'HMOs inspected', counts: stats.localAuthority.hmosInspected },
          ]
        : null,
    },
    {
      partner: PARTNERS.nhs.name,
      subgraph: 'nhs',
      groups: stats.health
        ? [
            { title: 'Attendances with exploitation indicators', counts: one(stats.health.attendancesWithIndicators) },
            { title: 'Exploitation indicators recorded', counts: stats.health.exploitationIndicators },
            { title: 'Safeguarding flags raised', counts: stats.health.safeguardingFlagsRaised },
          ]
        : null,
    },
    {
      partner: 'The charities',
      subgraph: 'ngo',
      groups: stats.support
        ? [
            { title: 'Support episodes started', counts: one(stats.support.episodesStarted) },
            { title: 'Episodes by provider', counts: stats.support.episodesByProvider },
            { title: 'Episodes by type of service', counts: stats.support.episodesByServiceType },
          ]
        : null,
    },
  ];
}

function StatisticsView({ period }: { period: Period }) {
  const { data, fetching, hub, reexecute } = useHubQuery(STATISTICS_DOCUMENT, statisticsVariables(period));
  return (
    <>
      <HandlingBanner handling={hub.handling} personal={false} />
      {fetching ? <Loading what="the counts" /> : null}
      <ProblemList problems={hub.problems.filter((p) => p.code !== 'SUBGRAPH_UNAVAILABLE')} requestId={hub.requestId} onRetry={reexecute} />
      <ReceiptNote receipt={hub.receipt} requestId={hub.requestId} />
      {data ? (
        <>
          <h2 className="stats-period">Figures for {periodLabel(data.stats.period)}</h2>
          <Legend />
        </>
      ) : null}
      {data
        ? groupsOf(data.stats).map(({ partner, subgraph, groups }) => {
            const down = hub.problems.find((p) => p.code === 'SUBGRAPH_UNAVAILABLE' && p.subgraph === subgraph);
            const withheld = hub.withheld.find((w) => w.at === `stats.${STATS_KEYS[subgraph]}`);
            return (
              <section key={subgraph} className="panel stats-partner" aria-label={partner} data-partner={subgraph}>
                <h2>{partner}</h2>
                {down ? (
                  <p className="problem" role="alert">
                    {partner} is not answering: its counts are missing.
                  </p>
                ) : withheld ? (
                  <p className="status-line">
                    <span className="badge badge-withheld">Withheld</span> {withheld.reason} (<code>{withheld.rule}</code>)
                  </p>
                ) : !groups ? (
                  <p className="none">No counts shared.</p>
                ) : (
                  groups.map((g) => (
                    <div className="stat-group" key={g.title}>
                      <StatTable caption={g.title} counts={g.counts} />
                      {g.counts.length > 1 && g.counts.some((c) => !c.suppressed && c.count !== null && c.count !== undefined) ? (
                        <StatChart title={g.title} counts={g.counts} />
                      ) : null}
                    </div>
                  ))
                )}
              </section>
            );
          })
        : null}
    </>
  );
}

const STATS_KEYS: Record<string, string> = { police: 'police', 'local-authority': 'localAuthority', nhs: 'health', ngo: 'support' };

/** What the three ways a count reads mean: the same for every table below. */
function Legend() {
  return (
    <dl className="stats-legend" aria-label="How to read the counts">
      <div>
        <dt>Every group is listed</dt>
        <dd>
          Each table lists every group of a fixed, published list, whether or not anyone is in it, so the list itself never tells an empty
          group from a small one.
        </dd>
      </div>
      <div>
        <dt>
          <span className="suppressed-cell">Suppressed</span>
        </dt>
        <dd>Somewhere from 0 to 10. A small count and no one at all read the same, so a suppressed group may or may not be empty.</dd>
      </div>
      <div>
        <dt>
          <span className="rounded-cell">≈ 20</span>
        </dt>
        <dd>
          Perturbed by at most 3 and rounded to the nearest 5: within 5 of the true count. Figures are not additive: a year is not exactly
          the sum of its quarters, nor a total the sum of its groups.
        </dd>
      </div>
      <div>
        <dt>20</dt>
        <dd>Exact: your organisation owns every record counted.</dd>
      </div>
    </dl>
  );
}
