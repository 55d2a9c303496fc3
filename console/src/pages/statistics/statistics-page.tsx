import { useId, useState } from 'react';
import { PARTNERS } from '../../api/labels';
import { useHubQuery } from '../../api/use-hub-query';
import { RequireCheckpoint } from '../../checkpoint/purpose-checkpoint';
import { HandlingBanner, ReceiptNote } from '../../components/handling';
import { Loading, ProblemList } from '../../components/status';
import { StatChart } from './stat-chart';
import { StatTable } from './stat-table';
import { periodOptions, STATISTICS_DOCUMENT, statisticsVariables, type Period, type StatCount, type Statistics } from './stats-query';

export function StatisticsPage() {
  const options = periodOptions();
  const [period, setPeriod] = useState<Period>(options[0]!.value);
  const id = useId();
  return (
    <>
      <h1>Statistics</h1>
      <RequireCheckpoint purpose="STATISTICS">
        <p>
          Each partner counts its own records for the period and puts the counts under disclosure control before they leave it (rule 9): a
          count of 1 to 7 is suppressed, any other is rounded to the nearest 5, unless your organisation owns every record counted.
        </p>
        <div className="field inline">
          <label htmlFor={`${id}-period`}>Period</label>
          <select id={`${id}-period`} value={period} onChange={(e) => setPeriod(e.target.value)}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <StatisticsView period={period} key={period} />
      </RequireCheckpoint>
    </>
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
      {data
        ? groupsOf(data.stats).map(({ partner, subgraph, groups }) => {
            const down = hub.problems.find((p) => p.code === 'SUBGRAPH_UNAVAILABLE' && p.subgraph === subgraph);
            const withheld = hub.withheld.find(
              (w) =>
                w.at ===
                `stats.${subgraph === 'local-authority' ? 'localAuthority' : subgraph === 'ngo' ? 'support' : subgraph === 'nhs' ? 'health' : 'police'}`,
            );
            return (
              <section key={subgraph} className="panel stats-partner" aria-label={partner}>
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
                      {g.counts.length > 1 ? <StatChart title={g.title} counts={g.counts} /> : null}
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
