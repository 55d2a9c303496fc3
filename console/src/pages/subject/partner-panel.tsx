import type { ReactNode } from 'react';
import { problemMessage } from '../../api/error-messages';
import { under, type HubResult } from '../../api/hub-result';
import { RecordView, type Renderers } from '../../components/record-view';
import { WithheldPanel } from '../../components/withheld';

/**
 * One partner's part of a view: what is shown, what is withheld and why, or that the partner is
 * not answering. A part that is null with no error is either not held or withheld on a record
 * condition: the hub makes the two look the same (docs/policy.md §5), and so does this panel.
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
  const headingId = `panel-${at.replace(/\W+/g, '-')}`;
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
        <span className="badge badge-withheld">Withheld</span> Nothing of this partner’s record is shared with you for this purpose.
      </p>
    );
  } else if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    body = <p className="status-line none">Nothing shown: this partner holds nothing about it that is shared with you.</p>;
  } else {
    const objectValue = Array.isArray(value) ? { [at.split('.').pop()!]: value } : (value as Record<string, unknown>);
    body = (
      <>
        <p className="status-line">
          <span className="badge badge-shown">Shared</span>
          {withheld.length > 0
            ? ` ${withheld.length} ${withheld.length === 1 ? 'part is' : 'parts are'} withheld: see below.`
            : ' Everything asked for that it holds.'}
        </p>
        <RecordView
          value={objectValue}
          at={Array.isArray(value) ? at.split('.').slice(0, -1).join('.') : at}
          withheld={withheld}
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
