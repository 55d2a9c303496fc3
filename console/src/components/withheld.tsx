import { useEffect, useState, type ReactNode } from 'react';
import { useClient } from 'urql';
import { ExplainAccessDocument, type ExplainAccessQuery, type Purpose } from '../gql/graphql';
import { coordinateOf, type PolicyNotice, type WithheldPart } from '../api/hub-result';
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
  // One explanation per rule: the fields a rule withholds need the same thing.
  const explanations = useExplanations(
    [
      ...groupByRule(parts).flatMap(([, group]) => (group[0]!.coordinate ? [group[0]!.coordinate] : [])),
      ...notices.flatMap((n) => coordinateOf(n.at) ?? []),
    ],
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
            {groupByRule(parts).map(([rule, group]) => {
              const first = group[0]!;
              const explanation = first.coordinate ? explanations[first.coordinate] : undefined;
              return (
                <li key={rule} className="withheld-item" data-rule={rule}>
                  <p className="withheld-what">
                    <span className="badge badge-withheld">Withheld</span> by rule <code data-testid="withheld-rule">{rule}</code>
                    {first.agreement ? <> of {first.agreement}</> : null}
                  </p>
                  <ul className="withheld-fields">
                    {group.map((part) => (
                      <li key={part.at} data-field={part.at} id={withheldAnchor(part.at)}>
                        <strong>{labelFor(part.at)}</strong>{' '}
                        {part.coordinate ? <code className="coordinate">{part.coordinate}</code> : null}
                        {part.occurrences > 1 ? <span> (in {part.occurrences} entries)</span> : null}
                        <p className="withheld-reason" data-testid="withheld-reason">
                          {part.reason}
                        </p>
                        {WITHHELD_ACTIONS.length > 0 ? (
                          <div className="withheld-actions">{WITHHELD_ACTIONS.map((a) => a(part))}</div>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                  <p className="withheld-needed">
                    <strong>What would be needed:</strong>{' '}
                    {first.needed ??
                      (explanation === undefined
                        ? 'asking the hub…'
                        : explanation === 'error'
                          ? 'the hub could not explain this field.'
                          : explainNeeded(explanation))}
                  </p>
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
            {notices.map((n) => {
              const coordinate = coordinateOf(n.at);
              const explanation = coordinate ? explanations[coordinate] : undefined;
              return (
                <li key={`${n.at}|${n.rule}`} data-field={n.at} id={noticeAnchor(n.at)}>
                  <strong>{labelFor(n.at)}</strong>: {n.effect === 'deny' ? 'withheld when' : 'shared only when'}{' '}
                  {n.conditions.join(' and ') || 'its conditions hold'} (rule <code data-testid="notice-rule">{n.rule}</code>
                  {n.agreement ? ` of ${n.agreement}` : ''}){n.reason ? <span data-testid="notice-reason">: {n.reason}</span> : null}
                  {explanation && explanation !== 'error' ? (
                    <p className="withheld-needed">
                      <strong>For this subject:</strong> {explanation.reason} {explanation.needed ? `Needed: ${explanation.needed}` : ''}
                    </p>
                  ) : null}
                </li>
              );
            })}
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

function groupByRule(parts: readonly WithheldPart[]): [string, WithheldPart[]][] {
  const groups = new Map<string, WithheldPart[]>();
  for (const part of parts) groups.set(part.rule, [...(groups.get(part.rule) ?? []), part]);
  return [...groups];
}

export function noticeAnchor(at: string): string {
  return `notice-${at.replace(/[^A-Za-z0-9]+/g, '-')}`;
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
