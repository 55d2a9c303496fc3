import { useState, type ReactNode } from 'react';
import type { PolicyNotice, WithheldPart } from '../api/hub-result';
import { fieldLabel, humanize } from '../api/labels';
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
 * objects as tables (paged past 10 rows), dates in UK format, codes in words, and in place of a
 * withheld value the rule that withheld it, linked to the explanation below.
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
  if (withheld && (value === null || value === undefined)) return <WithheldMark part={withheld} />;
  if (render && value !== null && value !== undefined) return render(value);
  if (value === null || value === undefined) return <NoneShown notice={context.notices.get(at)} text="None shown" />;
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
  return (
    // Focusable, so a keyboard user can scroll a wide table sideways.
    <div className="table-wrap" role="region" aria-label={fieldLabel(at.split('.').pop()!)} tabIndex={0}>
      <table className="record-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {fieldLabel(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, i) => (
            <tr key={page * PAGE + i}>
              {columns.map((c) => (
                <td key={c} data-field={`${at}.${c}`}>
                  <CellView value={row[c]} at={`${at}.${c}`} context={context} />
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
  if (value === null || value === undefined) return <NoneShown notice={context.notices.get(at)} text="—" />;
  if (Array.isArray(value))
    return <>{value.length === 0 ? '—' : value.map((v) => (typeof v === 'object' ? compact(v) : scalarText(v))).join(', ')}</>;
  if (typeof value === 'object') return <>{compact(value)}</>;
  return <>{scalarText(value)}</>;
}

function WithheldMark({ part }: { part: WithheldPart }) {
  return (
    <span className="withheld-inline">
      <span className="badge badge-withheld">Withheld</span>{' '}
      <a href={`#${withheldAnchor(part.at)}`}>
        <code>{part.rule}</code>
      </a>
    </span>
  );
}

/** Nothing here; where a rule decides on each record, which rule (it may have withheld it, or nothing is held). */
function NoneShown({ notice, text }: { notice: PolicyNotice | undefined; text: string }) {
  if (!notice) return <span className="none">{text}</span>;
  return (
    <span className="notice-inline">
      <span className="none">Not shown</span> · decided on each record by{' '}
      <a href={`#${noticeAnchor(notice.at)}`}>
        <code>{notice.rule}</code>
      </a>
    </span>
  );
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
