import { useEffect, useId, useState, type ReactNode } from 'react';
import { useClient } from 'urql';
import { ExplainAccessDocument, type ExplainAccessQuery, type Purpose } from '../gql/graphql';
import { coordinateOf, type PolicyNotice, type Remedy, type WithheldPart } from '../api/hub-result';
import { fieldLabel, lawfulBasisLabel, partnerName, PARTNERS, type PartnerKey } from '../api/labels';
import { noticeText } from '../api/notice-text';
import { hasRole, useAccess } from '../app/access';
import { Link } from '../app/router';
import { askOwnerPath, REQUESTER_ROLES } from '../pages/requests/ask-owner';

type Explanation = ExplainAccessQuery['explainAccess'];

export interface WithheldActionContext {
  subjectId: string | null;
  /** The lawful next step: from the error's `extensions.remedy`, or else from explainAccess. */
  remedy: Remedy | null;
}

/**
 * Actions offered on a withheld part: "Ask <owner> for this" where the hub names the remedy
 * REQUEST_FROM_OWNER (an information request, ISA 2.5, Appendix 2), to a user rule W1 lets ask.
 */
export const WITHHELD_ACTIONS: ((part: WithheldPart, context: WithheldActionContext) => ReactNode)[] = [
  (part, { subjectId, remedy }) =>
    remedy?.kind === 'REQUEST_FROM_OWNER' && subjectId && part.coordinate ? (
      <AskOwner key="ask-owner" subjectId={subjectId} owner={remedy.owner} coordinate={part.coordinate} />
    ) : null,
];

function AskOwner({ subjectId, owner, coordinate }: { subjectId: string; owner: string; coordinate: string }) {
  const access = useAccess();
  if (!hasRole(access, ...REQUESTER_ROLES)) return null;
  const short = PARTNERS[owner as PartnerKey]?.short ?? partnerName(owner);
  return (
    <Link to={askOwnerPath(subjectId, owner, [coordinate])} className="button-link" data-testid="ask-owner">
      Ask {short} for this
    </Link>
  );
}

/** explainAccess for each coordinate: the decision, rule, reason and what would be needed. */
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
        .then((r) => live && setExplanations((e) => ({ ...e, [field]: r.data?.explainAccess ?? 'error' })))
        .catch(() => live && setExplanations((e) => ({ ...e, [field]: 'error' })));
    }
    return () => {
      live = false;
    };
  }, [client, key, purpose, subjectId]);
  return explanations;
}

/**
 * What was withheld from this part of the view before execution, and why (FORBIDDEN errors: the
 * rule, the agreement, the reason, and what would be needed), and the rules decided on record
 * data that apply here (policy notices: what each rule is, whatever the record holds).
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
  // One explanation per rule, and only where the error does not already say what would be needed.
  const explanations = useExplanations(
    groupByRule(parts).flatMap(([, group]) => (group[0]!.coordinate && !group[0]!.needed ? [group[0]!.coordinate] : [])),
    purpose,
    subjectId,
  );
  if (parts.length === 0 && notices.length === 0) return null;
  return (
    <div className="withheld-panel">
      {parts.length > 0 ? (
        <section aria-label={title}>
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
                          <div className="withheld-actions">
                            {WITHHELD_ACTIONS.map((a) =>
                              a(part, {
                                subjectId,
                                remedy: part.remedy ?? (typeof explanation === 'object' ? (explanation?.remedy ?? null) : null),
                              }),
                            )}
                          </div>
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
        </section>
      ) : null}
      {notices.length > 0 ? (
        <section aria-label="Rules decided on each record">
          <h3>Rules decided on each record</h3>
          <p className="hint">
            The hub names these rules whenever these fields are asked for, whatever the record holds. A value a rule leaves out looks
            exactly like one the partner does not hold, so nothing here says whether anything was left out.
          </p>
          <ul className="notice-list">
            {notices.map((n) => (
              <li key={`${n.at}|${n.rule}`} data-field={n.at} id={noticeAnchor(n.at)} data-effect={n.effect}>
                <p className="notice-what">
                  <strong>{labelFor(n.at)}</strong> {coordinateOf(n.at) ? <code className="coordinate">{coordinateOf(n.at)}</code> : null}
                </p>
                <p className="notice-rule-line">
                  {noticeText(n)} — rule <code data-testid="notice-rule">{n.rule}</code>
                  {n.agreement ? <> of {n.agreement}</> : null}
                </p>
                {n.reason ? (
                  <p className="withheld-reason" data-testid="notice-reason">
                    {n.reason}
                  </p>
                ) : null}
                <ExplainOnDemand coordinate={coordinateOf(n.at)} purpose={purpose} subjectId={subjectId} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/**
 * "Why, for this subject?": explainAccess, asked only when the user wants it (it is a read of the
 * subject's facts as the user may see them, and the hub records it). The hub decides a subject's
 * conditions only on what the user may already see; otherwise it says it cannot decide.
 */
function ExplainOnDemand({
  coordinate,
  purpose,
  subjectId,
}: {
  coordinate: string | null;
  purpose: string | null;
  subjectId: string | null;
}) {
  const client = useClient();
  const [state, setState] = useState<'idle' | 'asking' | Explanation | 'error'>('idle');
  const id = useId();
  if (!coordinate || !purpose) return null;
  const ask = () => {
    setState('asking');
    client
      .query(ExplainAccessDocument, { field: coordinate, purpose: purpose as Purpose, subjectId })
      .toPromise()
      .then((r) => setState(r.data?.explainAccess ?? 'error'))
      .catch(() => setState('error'));
  };
  return (
    <div className="explain">
      {state === 'idle' ? (
        <button type="button" className="link-button" onClick={ask} aria-controls={`${id}-why`}>
          {subjectId ? 'Why, for this subject?' : 'Why?'}
        </button>
      ) : null}
      <div id={`${id}-why`} aria-live="polite">
        {state === 'asking' ? <p className="withheld-needed">Asking the hub…</p> : null}
        {state === 'error' ? <p className="withheld-needed">The hub could not explain this field.</p> : null}
        {typeof state === 'object' ? (
          <dl className="withheld-why explanation" data-testid="explanation">
            <dt>The hub’s decision</dt>
            <dd>{DECISIONS[state.decision] ?? state.decision}</dd>
            {state.rule ? (
              <>
                <dt>Rule</dt>
                <dd>
                  <code>{state.rule}</code>
                  {state.agreement ? ` of ${state.agreement}` : ''}
                  {state.lawfulBasis ? ` (lawful basis: ${lawfulBasisLabel(state.lawfulBasis)})` : ''}
                </dd>
              </>
            ) : null}
            <dt>Why</dt>
            <dd>{state.reason}</dd>
            {state.needed ? (
              <>
                <dt>What it takes</dt>
                <dd className="withheld-needed">{state.needed}</dd>
              </>
            ) : null}
          </dl>
        ) : null}
      </div>
    </div>
  );
}

const DECISIONS: Record<string, string> = {
  ALLOW: 'Shared with you',
  DENY: 'Not shared with you',
  ALLOW_IF_CONDITIONS_HOLD: 'Shared with you only where the record meets the rule’s conditions',
};

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
