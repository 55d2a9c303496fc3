import type { ReactNode } from 'react';
import { problemMessage } from '../../api/error-messages';
import { under, type HubResult } from '../../api/hub-result';
import { RecordView, RuleNote, type Renderers } from '../../components/record-view';
import { WithheldPanel } from '../../components/withheld';

/**
 * One partner's part of a view: what is shown, what is withheld and why, or that the partner is
 * not answering. A part that is null with no error is either not held or held but withheld on
 * record data: the hub makes the two look the same (docs/policy.md §5), and so does this panel.
 * It says "nothing this agreement shares with you", never "no record held", and lists the rules
 * decided on record data that apply here, whatever the record holds.
 */
export function PartnerPanel({
  title,
  subgraph,
  at,
  value,
  hub,
  purpose,
  subjectId,
  renderers,
  children,
}: {
  title: string;
  subgraph: string;
  at: string;
  value: unknown;
  hub: HubResult;
  purpose: string | null;
  subjectId: string | null;
  renderers?: Renderers;
  children?: ReactNode;
}) {
  const withheld = under(hub.withheld, at);
  const notices = under(hub.notices, at);
  const down = hub.problems.find((p) => p.code === 'SUBGRAPH_UNAVAILABLE' && p.subgraph === subgraph);
  const wholeWithheld = withheld.find((w) => w.at === at);
  const ownNotices = notices.filter((n) => n.at === at);
  const headingId = `panel-${at.replace(/\W+/g, '-')}`;
  const isList = Array.isArray(value);
  let body: ReactNode;
  if (down) {
    const message = problemMessage(down);
    body = (
      <div className="problem" role="alert" data-code={down.code}>
        <p className="problem-title">{message.title}</p>
        <p>{message.detail}</p>
      </div>
    );
  } else if (wholeWithheld) {
    body = (
      <p className="status-line">
        <span className="badge badge-withheld">Withheld</span> Nothing of this partner’s record is shared with you for this purpose: rule{' '}
        <code>{wholeWithheld.rule}</code>, {wholeWithheld.reason}
      </p>
    );
  } else if (value === null || value === undefined || (isList && value.length === 0)) {
    body = (
      <>
        <p className="status-line none" data-testid="nothing-shared">
          Nothing this agreement shares with you.{' '}
          {notices.length + withheld.length > 0
            ? 'The partner may hold nothing here, or hold only what the rules below leave out: the hub shows both the same way.'
            : 'The partner may hold nothing here, or nothing it holds is shared with you: the hub shows both the same way.'}
        </p>
        {ownNotices.map((n) => (
          <p className="status-line" key={n.rule}>
            <RuleNote notice={n} />
          </p>
        ))}
      </>
    );
  } else {
    const objectValue = isList ? { [at.split('.').pop()!]: value } : (value as Record<string, unknown>);
    const status = [
      withheld.length > 0 ? `${withheld.length} ${withheld.length === 1 ? 'part is' : 'parts are'} withheld.` : null,
      notices.length > 0 ? `${notices.length} ${notices.length === 1 ? 'part is' : 'parts are'} decided on each record by a rule.` : null,
    ].filter(Boolean);
    body = (
      <>
        <p className="status-line">
          <span className="badge badge-shown">Shared</span>{' '}
          {status.length > 0 ? `${status.join(' ')} See below.` : 'Everything asked for that it holds.'}
        </p>
        {!isList
          ? ownNotices.map((n) => (
              <p className="status-line" key={n.rule}>
                <RuleNote notice={n} />
              </p>
            ))
          : null}
        <RecordView
          value={objectValue}
          at={isList ? at.split('.').slice(0, -1).join('.') : at}
          withheld={withheld}
          notices={notices}
          renderers={renderers}
        />
      </>
    );
  }
  return (
    <section className="panel" aria-labelledby={headingId} data-partner={subgraph}>
      <h2 id={headingId}>{title}</h2>
      {body}
      {children}
      <WithheldPanel parts={withheld} notices={notices} purpose={purpose} subjectId={subjectId} />
    </section>
  );
}
