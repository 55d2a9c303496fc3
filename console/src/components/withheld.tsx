import { useEffect, useState, type ReactNode } from 'react';
import { useClient } from 'urql';
import { ExplainAccessDocument, type ExplainAccessQuery, type Purpose } from '../gql/graphql';
import type { PolicyNotice, WithheldPart } from '../api/hub-result';
import { fieldLabel, lawfulBasisLabel } from '../api/labels';

type Explanation = ExplainAccessQuery['explainAccess'];

/**
 * Actions offered on a withheld part. Empty today: "ask the owner" (an information request to
 * the partner that holds it) belongs here once the API has information requests. Nothing is faked.
 */
export const WITHHELD_ACTIONS: ((part: WithheldPart) => ReactNode)[] = [];

/** explainAccess for each withheld coordinate: the decision, rule, reason and what would be needed. */
export function useExplanations(coordinates: readonly string[], purpose: string | null, subjectId: string | null) {
  const client = useClient();
  const [explanations, setExplanations] = useState<Record<string, Explanation | 'error'>>({});
  const key = [...new Set(coordinates)].sort().join(',');
  useEffect(() => {
    if (!purpose || !key) return;
    let live = true;
    for (const field of key.split(',')) {
      client
        .query(ExplainAccessDocument, { field, purpose: purpose as Purpose, subjectId })
        .toPromise()
        .then((r) => live && setExplanations((e) => ({ ...e, [field]: r.data?.explainAccess ?? 'error' })));
    }
    return () => {
      live = false;
    };
  }, [client, key, purpose, subjectId]);
  return explanations;
}

/**
 * What was withheld from this part of the view, and why: the rule, the agreement, the reason,
 * and from explainAccess what would be needed. Record-dependent rules come as notices.
 */
export function WithheldPanel({
  parts,
  notices = [],
  purpose,
  subjectId,
  title = 'Withheld from this view',
}: {
  parts: readonly WithheldPart[];
  notices?: readonly PolicyNotice[];
  purpose: string | null;
  subjectId: string | null;
  title?: string;
}) {
  const explanations = useExplanations(
    parts.flatMap((p) => (p.coordinate ? [p.coordinate] : [])),
    purpose,
    subjectId,
  );
  if (parts.length === 0 && notices.length === 0) return null;
  return (
    <section className="withheld-panel" aria-label={title}>
      {parts.length > 0 ? (
        <>
          <h3>{title}</h3>
          <ul className="withheld-list">
            {parts.map((part) => {
              const explanation = part.coordinate ? explanations[part.coordinate] : undefined;
              return (
                <li key={`${part.at}|${part.rule}`} className="withheld-item" data-field={part.at} id={withheldAnchor(part.at)}>
                  <p className="withheld-what">
                    <span className="badge badge-withheld">Withheld</span> <strong>{labelFor(part.at)}</strong>{' '}
                    {part.coordinate ? <code className="coordinate">{part.coordinate}</code> : null}
                    {part.occurrences > 1 ? <span> (in {part.occurrences} entries)</span> : null}
                  </p>
                  <dl className="withheld-why">
                    <dt>Rule</dt>
                    <dd>
                      <code data-testid="withheld-rule">{part.rule}</code>
                      {part.agreement ? <> of {part.agreement}</> : null}
                    </dd>
                    <dt>Reason</dt>
                    <dd data-testid="withheld-reason">{part.reason}</dd>
                    <dt>What would be needed</dt>
                    <dd>
                      {part.needed ??
                        (explanation === undefined
                          ? 'Asking the hub…'
                          : explanation === 'error'
                            ? 'The hub could not explain this field.'
                            : explainNeeded(explanation))}
                    </dd>
                  </dl>
                  {WITHHELD_ACTIONS.length > 0 ? <div className="withheld-actions">{WITHHELD_ACTIONS.map((a) => a(part))}</div> : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {notices.length > 0 ? (
        <>
          <h3>Decided on each record</h3>
          <p className="hint">
            These fields are shared only when the record meets a rule’s conditions. A field withheld this way looks exactly like one that is
            not held, so nothing here says which.
          </p>
          <ul className="notice-list">
            {notices.map((n) => (
              <li key={`${n.at}|${n.rule}`} data-field={n.at}>
                <strong>{labelFor(n.at)}</strong>: {n.effect === 'deny' ? 'withheld when' : 'shared when'}{' '}
                {n.conditions.join(' and ') || 'its conditions hold'} (<code>{n.rule}</code>){n.reason ? `: ${n.reason}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function explainNeeded(e: Explanation): string {
  const parts = [
    e.needed
      ? e.needed
      : e.decision === 'ALLOW'
        ? 'Nothing more: it is shared with you for this purpose.'
        : 'Nothing you can supply: no rule shares it with you.',
  ];
  if (e.lawfulBasis) parts.push(`(lawful basis: ${lawfulBasisLabel(e.lawfulBasis)})`);
  return parts.join(' ');
}

export function withheldAnchor(at: string): string {
  return `withheld-${at.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

function labelFor(at: string): string {
  const keys = at.split('.');
  return keys
    .slice(1)
    .map((k) => fieldLabel(k))
    .join(' › ');
}
