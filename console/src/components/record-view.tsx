import { useState, type ReactNode } from 'react';
import { under, type PolicyNotice, type WithheldPart } from '../api/hub-result';
import { fieldLabel, humanize } from '../api/labels';
import { noticeText } from '../api/notice-text';
import { isIsoDate, ukDates } from '../format/dates';
import { Pager } from './pager';
import { noticeAnchor, withheldAnchor } from './withheld';

export type Renderers = Record<string, (value: unknown) => ReactNode>;

interface Context {
  withheld: ReadonlyMap<string, WithheldPart>;
  notices: ReadonlyMap<string, PolicyNotice>;
  renderers: Renderers;
}

/**
 * Any part of a partner's record, as the hub returned it: objects as definition lists, lists of
 * objects as tables (paged past 10 rows), dates in UK format, codes in words. In place of a value
 * withheld before execution (a FORBIDDEN error): "Withheld", the rule and the reason. At a field a
 * rule decides on record data (a policy notice): the rule in words ("Not shown unless: …"), the
 * same whether or not the record has a value there, since withheld looks like absent.
 */
export function RecordView({
  value,
  at,
  withheld,
  notices = [],
  renderers = {},
}: {
  value: Record<string, unknown>;
  at: string;
  withheld: readonly WithheldPart[];
  /** Rules decided on each record: a value missing there may be withheld or not held, and reads so. */
  notices?: readonly PolicyNotice[];
  renderers?: Renderers;
}) {
  const context: Context = {
    withheld: new Map(withheld.map((w) => [w.at, w])),
    notices: new Map(notices.map((n) => [n.at, n])),
    renderers,
  };
  return <ObjectView value={value} at={at} context={context} />;
}

function ObjectView({ value, at, context }: { value: Record<string, unknown>; at: string; context: Context }) {
  const keys = Object.keys(value).filter((k) => k !== '__typename');
  return (
    <dl className="record">
      {keys.map((key) => (
        <div className="record-row" key={key} data-field={`${at}.${key}`}>
          <dt>{fieldLabel(key)}</dt>
          <dd>
            <ValueView value={value[key]} at={`${at}.${key}`} context={context} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ValueView({ value, at, context }: { value: unknown; at: string; context: Context }): ReactNode {
  const render = context.renderers[at];
  const withheld = context.withheld.get(at);
  const notice = context.notices.get(at);
  const missing = value === null || value === undefined;
  if (withheld && missing) return <WithheldMark part={withheld} full />;
  if (missing) {
    if (notice) return <RuleNote notice={notice} />;
    // Nothing here; rules on record data below it still say what they share, whatever this record holds.
    const below = under([...context.notices.values()], at);
    if (below.length === 0) return <span className="none">None shown</span>;
    return (
      <>
        <span className="none">None shown.</span>
        <ul className="plain notes-below">
          {below.map((n) => (
            <li key={n.at}>
              {labelBelow(at, n.at)}: <RuleNote notice={n} />
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <>
      <Shown value={value} at={at} context={context} render={render} />
      {notice ? (
        <div className="note-under">
          <RuleNote notice={notice} />
        </div>
      ) : null}
    </>
  );
}

function Shown({
  value,
  at,
  context,
  render,
}: {
  value: NonNullable<unknown>;
  at: string;
  context: Context;
  render: ((value: unknown) => ReactNode) | undefined;
}): ReactNode {
  if (render) return render(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="none">None shown</span>;
    if (value.every((v) => typeof v === 'object' && v !== null)) {
      return <TableView rows={value as Record<string, unknown>[]} at={at} context={context} />;
    }
    return <>{value.map((v) => scalarText(v)).join(', ')}</>;
  }
  if (typeof value === 'object') return <ObjectView value={value as Record<string, unknown>} at={at} context={context} />;
  return <>{scalarText(value)}</>;
}

const PAGE = 10;

function TableView({ rows, at, context }: { rows: Record<string, unknown>[]; at: string; context: Context }) {
  const [page, setPage] = useState(0);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== '__typename');
  const shown = rows.slice(page * PAGE, page * PAGE + PAGE);
  // A column withheld before execution in every row says so once, in its header; its cells say "Withheld".
  const withheldColumn = (c: string) => {
    const part = context.withheld.get(`${at}.${c}`);
    return part && rows.every((r) => r[c] === null || r[c] === undefined) ? part : undefined;
  };
  return (
    // Focusable, so a keyboard user can scroll a wide table sideways.
    <div className="table-wrap" role="region" aria-label={fieldLabel(at.split('.').pop()!)} tabIndex={0}>
      <table className="record-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {fieldLabel(c)}
                {withheldColumn(c) ? (
                  <span className="th-note">
                    <WithheldMark part={withheldColumn(c)!} />
                  </span>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, i) => (
            <tr key={page * PAGE + i}>
              {columns.map((c) => (
                <td key={c} data-field={`${at}.${c}`}>
                  {withheldColumn(c) ? (
                    <span className="badge badge-withheld">Withheld</span>
                  ) : (
                    <CellView value={row[c]} at={`${at}.${c}`} context={context} />
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > PAGE ? (
        <Pager page={page} pageSize={PAGE} total={rows.length} onPage={setPage} label={fieldLabel(at.split('.').pop()!)} />
      ) : null}
    </div>
  );
}

function CellView({ value, at, context }: { value: unknown; at: string; context: Context }): ReactNode {
  const withheld = context.withheld.get(at);
  if (withheld && (value === null || value === undefined)) return <WithheldMark part={withheld} />;
  const render = context.renderers[at];
  if (render && value !== null && value !== undefined) return render(value);
  if (value === null || value === undefined) {
    const notice = context.notices.get(at);
    return notice ? <RuleNote notice={notice} /> : <>—</>;
  }
  if (Array.isArray(value))
    return <>{value.length === 0 ? '—' : value.map((v) => (typeof v === 'object' ? compact(v) : scalarText(v))).join(', ')}</>;
  if (typeof value === 'object') return <>{compact(value)}</>;
  return <>{scalarText(value)}</>;
}

/** A value withheld before execution: "Withheld", the rule (linked to its reason below) and, in full, the reason in place. */
function WithheldMark({ part, full = false }: { part: WithheldPart; full?: boolean }) {
  return (
    <span className="withheld-inline" data-testid="withheld-inline">
      <span className="badge badge-withheld">Withheld</span> —{' '}
      <a href={`#${withheldAnchor(part.at)}`}>
        <code>{part.rule}</code>
      </a>
      {full ? <span className="withheld-inline-reason">: {part.reason}</span> : null}
    </span>
  );
}

/**
 * A rule decided on record data, at its field: what the rule is, never what it did here. It reads
 * the same whether the record has a value there or not; the reason and "why, for this subject"
 * are in the panel's list of rules, which the rule links to.
 */
export function RuleNote({ notice }: { notice: PolicyNotice }) {
  return (
    <span className="notice-inline" data-testid="notice-inline" data-effect={notice.effect}>
      <span className="notice-text">{noticeText(notice)}</span> —{' '}
      <a href={`#${noticeAnchor(notice.at)}`} aria-label={`${notice.rule}: the rule and why`}>
        <code>{notice.rule}</code>
      </a>
    </span>
  );
}

/** `person.localAuthority.housing` + `person.localAuthority.housing.address` → "Address". */
function labelBelow(at: string, below: string): string {
  return below
    .slice(at.length + 1)
    .split('.')
    .map((k) => fieldLabel(k))
    .join(' › ');
}

function compact(value: unknown): string {
  if (value === null || typeof value !== 'object') return scalarText(value);
  return Object.entries(value as Record<string, unknown>)
    .filter(([k, v]) => k !== '__typename' && v !== null && v !== undefined)
    .map(([k, v]) => `${fieldLabel(k)}: ${Array.isArray(v) ? v.map(scalarText).join(', ') : scalarText(v)}`)
    .join('; ');
}

export function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  if (isIsoDate(text)) return ukDates(text);
  if (/^[A-Z][A-Z0-9_]+$/.test(text) && text.length > 2) return humanize(text);
  return text;
}
