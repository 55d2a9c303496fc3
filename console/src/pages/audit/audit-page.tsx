import { useId, useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import {
  DisclosureAnomaliesDocument,
  DisclosuresDocument,
  LogReadsDocument,
  RecipientsOfDocument,
  VerifyDisclosureLogDocument,
  type DisclosureFieldsFragment,
  type DisclosureFilter,
  type DisclosureAnomaliesQuery,
  type LawfulBasis,
  type LogReadsQuery,
  type Purpose,
  type RecipientsOfQuery,
  type VerifyDisclosureLogQuery,
} from '../../gql/graphql';
import { readHubResult, type ApiProblem } from '../../api/hub-result';
import {
  LAWFUL_BASIS_LABELS,
  ORGANISATION_NAMES,
  organisationName,
  PARTNERS,
  PURPOSE_LABELS,
  partnerName,
  purposeLabel,
} from '../../api/labels';
import { useHubQuery, useSignOutWhenRefused } from '../../api/use-hub-query';
import { hasRole, useAccess } from '../../app/access';
import { RequireCheckpoint } from '../../checkpoint/purpose-checkpoint';
import { Pager } from '../../components/pager';
import { Loading, ProblemList } from '../../components/status';
import { parseUkDate, ukDateTime } from '../../format/dates';
import { download, toCsv, toJsonl } from './export';

const PAGE = 20;
const EXPORT_PAGE = 50;
const EXPORT_LIMIT = 20_000;

export function AuditPage() {
  return (
    <>
      <h1>Disclosure log</h1>
      <RequireCheckpoint purpose="AUDIT">
        <AuditBrowser />
      </RequireCheckpoint>
    </>
  );
}

interface FilterForm {
  subjectId: string;
  requesterId: string;
  requesterOrg: string;
  owner: string;
  agreement: string;
  purpose: string;
  lawfulBasis: string;
  from: string;
  to: string;
}

const EMPTY: FilterForm = {
  subjectId: '',
  requesterId: '',
  requesterOrg: '',
  owner: '',
  agreement: '',
  purpose: '',
  lawfulBasis: '',
  from: '',
  to: '',
};

/** The form as the API's filter; dates are UK dates (dd/mm/yyyy), `to` inclusive of its day. */
export function filterFromForm(form: FilterForm): { filter: DisclosureFilter; errors: Partial<Record<keyof FilterForm, string>> } {
  const errors: Partial<Record<keyof FilterForm, string>> = {};
  const filter: DisclosureFilter = {};
  if (form.subjectId.trim()) filter.subjectId = form.subjectId.trim().toUpperCase();
  if (form.requesterId.trim()) filter.requesterId = form.requesterId.trim();
  if (form.requesterOrg) filter.requesterOrg = form.requesterOrg;
  if (form.owner) filter.owner = form.owner;
  if (form.agreement.trim()) filter.agreement = form.agreement.trim();
  if (form.purpose) filter.purpose = form.purpose as Purpose;
  if (form.lawfulBasis) filter.lawfulBasis = form.lawfulBasis as LawfulBasis;
  for (const key of ['from', 'to'] as const) {
    if (!form[key].trim()) continue;
    const iso = parseUkDate(form[key]);
    if (!iso) errors[key] = 'Use a date like 29/11/2026.';
    else if (key === 'from') filter.from = `${iso}T00:00:00.000Z`;
    else filter.to = new Date(Date.parse(`${iso}T00:00:00.000Z`) + 86_400_000).toISOString();
  }
  return { filter, errors };
}

function AuditBrowser() {
  const access = useAccess();
  const auditor = hasRole(access, 'AUDITOR');
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof FilterForm, string>>>({});
  const [filter, setFilter] = useState<DisclosureFilter>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState<DisclosureFieldsFragment | null>(null);
  const id = useId();
  const after = cursors[cursors.length - 1] ?? null;
  const { data, fetching, hub, reexecute } = useHubQuery(DisclosuresDocument, { filter, first: PAGE, after });
  const page = data?.disclosures;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = filterFromForm(form);
    setErrors(result.errors);
    if (Object.keys(result.errors).length > 0) return;
    setFilter(result.filter);
    setCursors([null]);
    setSelected(null);
  };
  const text = (key: keyof FilterForm, label: string, hint?: string) => (
    <div className={`field ${errors[key] ? 'field-error' : ''}`}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-${key}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors[key] ? (
        <p className="error-message" id={`${id}-${key}-error`}>
          {errors[key]}
        </p>
      ) : null}
      <input
        id={`${id}-${key}`}
        value={form[key]}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={[hint ? `${id}-${key}-hint` : '', errors[key] ? `${id}-${key}-error` : ''].filter(Boolean).join(' ') || undefined}
      />
    </div>
  );
  const select = (key: keyof FilterForm, label: string, options: Record<string, string>) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })}>
        <option value="">Any</option>
        {Object.entries(options).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <p>
        Every response of the hub is accounted for here: one record per response, data owner and subject, naming the fields disclosed and
        withheld, never their values. {auditor ? '' : 'As a data protection officer you see the records about your organisation’s data.'}{' '}
        Your reads of the log are recorded too.
      </p>
      <form className="filters" onSubmit={submit} noValidate aria-label="Filter the log">
        <div className="form-grid">
          {text('subjectId', 'Subject', 'For example SUBJ-000001')}
          {text('requesterId', 'Requester (user id)')}
          {select('requesterOrg', 'Requester’s organisation', ORGANISATION_NAMES)}
          {select('owner', 'Data owner', Object.fromEntries(Object.entries(PARTNERS).map(([k, v]) => [k, v.name])))}
          {text('agreement', 'Agreement', 'For example isa-msht-wm')}
          {select('purpose', 'Purpose', PURPOSE_LABELS)}
          {select('lawfulBasis', 'Lawful basis', LAWFUL_BASIS_LABELS)}
          {text('from', 'From (dd/mm/yyyy)')}
          {text('to', 'To, inclusive (dd/mm/yyyy)')}
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Show records
          </button>
          <button
            type="button"
            onClick={() => {
              setForm(EMPTY);
              setErrors({});
              setFilter({});
              setCursors([null]);
            }}
          >
            Clear filters
          </button>
        </div>
      </form>

      <section aria-labelledby="records-title">
        <h2 id="records-title">Records</h2>
        {fetching ? <Loading what="the records" /> : null}
        <ProblemList problems={hub.problems} requestId={hub.requestId} onRetry={reexecute} />
        {page ? (
          page.edges.length === 0 ? (
            <p role="status">No records match.</p>
          ) : (
            <>
              <table className="log-table">
                <caption className="visually-hidden">Disclosure records, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Requester</th>
                    <th scope="col">Purpose</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Subject</th>
                    <th scope="col" className="num">
                      Disclosed
                    </th>
                    <th scope="col" className="num">
                      Withheld
                    </th>
                    <th scope="col">Record</th>
                  </tr>
                </thead>
                <tbody>
                  {page.edges.map(({ node }) => (
                    <tr key={node.id} data-record={node.id} aria-selected={selected?.id === node.id}>
                      <td>{ukDateTime(node.occurredAt)}</td>
                      <td>
                        {node.requesterId}
                        <br />
                        <span className="hint">{organisationName(node.requesterOrg)}</span>
                      </td>
                      <td>{purposeLabel(node.purpose)}</td>
                      <td>{partnerName(node.owner)}</td>
                      <td>{node.subjectId ?? '—'}</td>
                      <td className="num">{node.fieldsDisclosed.length}</td>
                      <td className="num">{node.fieldsWithheld.length}</td>
                      <td>
                        <button type="button" onClick={() => setSelected(node)} aria-label={`Open record ${node.id}`}>
                          Open
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <nav className="pager" aria-label="Record pages">
                <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                  Newer
                </button>
                <span aria-live="polite">Page {cursors.length}</span>
                <button
                  type="button"
                  disabled={!page.pageInfo.hasNextPage}
                  onClick={() => page.pageInfo.endCursor && setCursors([...cursors, page.pageInfo.endCursor])}
                >
                  Older
                </button>
              </nav>
            </>
          )
        ) : null}
      </section>

      {selected ? <RecordDetail record={selected} onClose={() => setSelected(null)} /> : null}
      <ExportLog filter={filter} />
      <RecipientsOf />
      <Anomalies />
      {auditor ? <LogReads /> : null}
      {auditor ? <VerifyLog /> : null}
    </>
  );
}

function RecordDetail({ record, onClose }: { record: DisclosureFieldsFragment; onClose: () => void }) {
  return (
    <section className="card record-detail" aria-labelledby="detail-title" tabIndex={-1} ref={(el) => el?.focus()}>
      <h2 id="detail-title">Record {record.id}</h2>
      <dl className="record">
        {(
          [
            ['When', ukDateTime(record.occurredAt)],
            ['Request', record.requestId],
            ['Operation', `${record.operationName ?? '(unnamed)'} · ${record.operationHash.slice(0, 16)}…`],
            ['Requester', `${record.requesterId}, ${organisationName(record.requesterOrg)} (${record.requesterRoles.join(', ')})`],
            ['Purpose', purposeLabel(record.purpose)],
            ['Lawful bases', record.lawfulBases.join(', ') || 'none named'],
            ['Case reference', record.caseRef ?? 'none'],
            ['Agreements', record.agreements.join(', ') || 'none'],
            ['Rules that allowed it', record.rules.join(', ') || 'none'],
            ['Data owner', partnerName(record.owner)],
            ['Subject', record.subjectId ? `${record.subjectType ?? ''} ${record.subjectId}` : 'none (statistics)'],
            ['Hash', record.hash],
          ] as const
        ).map(([k, v]) => (
          <div className="record-row" key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>Fields disclosed ({record.fieldsDisclosed.length})</h3>
      {record.fieldsDisclosed.length > 0 ? (
        <ul className="fields" data-testid="fields-disclosed">
          {record.fieldsDisclosed.map((f) => (
            <li key={f}>
              <code>{f}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p>None.</p>
      )}
      <h3>Fields withheld ({record.fieldsWithheld.length})</h3>
      {record.fieldsWithheld.length > 0 ? (
        <table data-testid="fields-withheld">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Rule</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {record.fieldsWithheld.map((w) => (
              <tr key={`${w.field}|${w.rule}`}>
                <td>
                  <code>{w.field}</code>
                </td>
                <td>
                  <code>{w.rule}</code>
                </td>
                <td>{w.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>None.</p>
      )}
      <button type="button" onClick={onClose}>
        Close record
      </button>
    </section>
  );
}

/** An imperative read (a button, not the page load), with the hub's problems read like any other. */
function useAction<T>() {
  const [state, setState] = useState<{ running: boolean; data: T | null; problems: ApiProblem[]; requestId: string | null }>({
    running: false,
    data: null,
    problems: [],
    requestId: null,
  });
  useSignOutWhenRefused({ withheld: [], notices: [], handling: null, receipt: null, requestId: null, problems: state.problems });
  // Settles the state whatever happens: a promise that rejects must not leave the action running.
  const run = (action: () => Promise<{ data?: T; error?: unknown; extensions?: Record<string, unknown> }>): void => {
    setState((s) => ({ ...s, running: true, problems: [] }));
    action().then(
      (result) => {
        const hub = readHubResult(result as Parameters<typeof readHubResult>[0]);
        setState({ running: false, data: result.data ?? null, problems: hub.problems, requestId: hub.requestId });
      },
      (error: unknown) =>
        setState({
          running: false,
          data: null,
          problems: [
            { code: 'NETWORK', message: error instanceof Error ? error.message : String(error), subgraph: null, at: null, rule: null },
          ],
          requestId: null,
        }),
    );
  };
  return [state, run] as const;
}

function ExportLog({ filter }: { filter: DisclosureFilter }) {
  const client = useClient();
  const [format, setFormat] = useState<'jsonl' | 'csv'>('jsonl');
  const [status, setStatus] = useState<string | null>(null);
  const [problems, setProblems] = useState<ApiProblem[]>([]);
  const id = useId();
  const run = async () => {
    const records: DisclosureFieldsFragment[] = [];
    let after: string | null = null;
    setProblems([]);
    for (;;) {
      setStatus(`Reading records… ${records.length} so far`);
      const result = await client.query(DisclosuresDocument, { filter, first: EXPORT_PAGE, after }).toPromise();
      const hub = readHubResult(result);
      if (!result.data || hub.problems.length > 0) {
        setProblems(hub.problems);
        setStatus('The export stopped: nothing was saved.');
        return;
      }
      records.push(...result.data.disclosures.edges.map((e) => e.node));
      after = result.data.disclosures.pageInfo.endCursor ?? null;
      if (!result.data.disclosures.pageInfo.hasNextPage || !after) break;
      if (records.length >= EXPORT_LIMIT) {
        setStatus(`Stopped at ${EXPORT_LIMIT} records: narrow the filter, or use \`npm run hub -- audit export\` for the whole log.`);
        break;
      }
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    if (format === 'csv') download(`disclosures-${stamp}.csv`, 'text/csv', toCsv(records));
    else download(`disclosures-${stamp}.jsonl`, 'application/x-ndjson', toJsonl(records));
    setStatus(`Exported ${records.length} records as ${format.toUpperCase()}.`);
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Export</h2>
      <p>The records that match the filter above, read page by page from the API (each page is recorded as a read of the log).</p>
      <fieldset>
        <legend>Format</legend>
        <label className="radio">
          <input type="radio" name={`${id}-format`} value="jsonl" checked={format === 'jsonl'} onChange={() => setFormat('jsonl')} /> JSON
          Lines
        </label>
        <label className="radio">
          <input type="radio" name={`${id}-format`} value="csv" checked={format === 'csv'} onChange={() => setFormat('csv')} /> CSV
        </label>
      </fieldset>
      <button type="button" className="primary" onClick={run}>
        Download export
      </button>
      {status ? (
        <p role="status" data-testid="export-status">
          {status}
        </p>
      ) : null}
      <ProblemList problems={problems} />
    </section>
  );
}

function RecipientsOf() {
  const client = useClient();
  const [subjectId, setSubjectId] = useState('');
  const [field, setField] = useState('');
  const [since, setSince] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [state, run] = useAction<RecipientsOfQuery>();
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const sinceIso = since.trim() ? parseUkDate(since) : null;
    if (!subjectId.trim() || !/^[A-Z][A-Za-z]+\.[A-Za-z*]+$/.test(field.trim()) || (since.trim() && !sinceIso)) {
      setError('Give a subject, a field such as PoliceRecord.currentAddress, and optionally a date like 01/01/2026.');
      return;
    }
    setError(null);
    run(() =>
      client
        .query(RecipientsOfDocument, {
          subjectId: subjectId.trim().toUpperCase(),
          field: field.trim(),
          since: sinceIso ? `${sinceIso}T00:00:00.000Z` : null,
        })
        .toPromise(),
    );
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Who received a field (corrections, ISA 7.2)</h2>
      <form onSubmit={submit} noValidate className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-subject`}>Subject</label>
          <input id={`${id}-subject`} value={subjectId} onChange={(e) => setSubjectId(e.target.value)} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-field`}>Field (Type.field)</label>
          <input id={`${id}-field`} value={field} onChange={(e) => setField(e.target.value)} autoComplete="off" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-since`}>Since (dd/mm/yyyy, optional)</label>
          <input id={`${id}-since`} value={since} onChange={(e) => setSince(e.target.value)} autoComplete="off" />
        </div>
        <div className="actions">
          <button type="submit">Find recipients</button>
        </div>
      </form>
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      {state.running ? <Loading what="the recipients" /> : null}
      <ProblemList problems={state.problems} requestId={state.requestId} />
      {state.data ? (
        state.data.recipientsOf.length === 0 ? (
          <p role="status">Nobody received it.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Organisation</th>
                <th scope="col" className="num">
                  Times
                </th>
                <th scope="col">Last received</th>
              </tr>
            </thead>
            <tbody>
              {state.data.recipientsOf.map((r) => (
                <tr key={`${r.userId}|${r.org}`}>
                  <td>{r.userId}</td>
                  <td>{organisationName(r.org)}</td>
                  <td className="num">{r.times}</td>
                  <td>{ukDateTime(r.lastReceivedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </section>
  );
}

function Anomalies() {
  const client = useClient();
  const [state, run] = useAction<DisclosureAnomaliesQuery>();
  return (
    <section className="card" aria-labelledby="anomalies-title">
      <h2 id="anomalies-title">Anomalies (last 24 hours)</h2>
      <p>
        Volume far above a requester’s own baseline, case references outside the organisation’s scheme, repeated requests outside approved
        purposes.
      </p>
      <button type="button" onClick={() => run(() => client.query(DisclosureAnomaliesDocument, {}).toPromise())}>
        Look for anomalies
      </button>
      {state.running ? <Loading what="anomalies" /> : null}
      <ProblemList problems={state.problems} requestId={state.requestId} />
      {state.data ? (
        state.data.disclosureAnomalies.length === 0 ? (
          <p role="status">No anomalies found.</p>
        ) : (
          <ul className="anomalies">
            {state.data.disclosureAnomalies.map((a, i) => (
              <li key={i}>
                <strong>{a.kind}</strong>: {a.requesterId} ({organisationName(a.requesterOrg)}), {a.count}. {a.detail}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}

function LogReads() {
  const client = useClient();
  const [subjectId, setSubjectId] = useState('');
  const [state, run] = useAction<LogReadsQuery>();
  const [page, setPage] = useState(0);
  const id = useId();
  const reads = state.data?.logReads ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Reads of the log</h2>
      <form
        className="form-grid"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setPage(0);
          run(() =>
            client.query(LogReadsDocument, { subjectId: subjectId.trim() ? subjectId.trim().toUpperCase() : null, first: 200 }).toPromise(),
          );
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-subject`}>About subject (optional)</label>
          <input id={`${id}-subject`} value={subjectId} onChange={(e) => setSubjectId(e.target.value)} autoComplete="off" />
        </div>
        <div className="actions">
          <button type="submit">Show reads</button>
        </div>
      </form>
      {state.running ? <Loading what="the reads" /> : null}
      <ProblemList problems={state.problems} requestId={state.requestId} />
      {state.data ? (
        reads.length === 0 ? (
          <p role="status">No reads.</p>
        ) : (
          <>
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Reader</th>
                  <th scope="col">Query</th>
                  <th scope="col" className="num">
                    Records
                  </th>
                  <th scope="col">Subjects</th>
                </tr>
              </thead>
              <tbody>
                {reads.slice(page * PAGE, page * PAGE + PAGE).map((r) => (
                  <tr key={r.id}>
                    <td>{ukDateTime(r.occurredAt)}</td>
                    <td>
                      {r.readerId} <span className="hint">({organisationName(r.readerOrg)})</span>
                    </td>
                    <td>
                      <code>{r.query}</code>
                    </td>
                    <td className="num">{r.recordsReturned}</td>
                    <td>
                      {r.subjectIds.slice(0, 5).join(', ') + (r.subjectIds.length > 5 ? ` and ${r.subjectIds.length - 5} more` : '') || '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {reads.length > PAGE ? <Pager page={page} pageSize={PAGE} total={reads.length} onPage={setPage} label="Reads" /> : null}
          </>
        )
      ) : null}
    </section>
  );
}

function VerifyLog() {
  const client = useClient();
  const [state, run] = useAction<VerifyDisclosureLogQuery>();
  const report = state.data?.verifyDisclosureLog;
  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">Verify the log</h2>
      <p>Checks every writer’s hash chain and the signed checkpoints, after signing a checkpoint of everything logged so far.</p>
      <button
        type="button"
        className="primary"
        onClick={() => run(() => client.query(VerifyDisclosureLogDocument, {}).toPromise())}
        disabled={state.running}
      >
        Verify the log
      </button>
      {state.running ? <Loading what="the verification" /> : null}
      <ProblemList problems={state.problems} requestId={state.requestId} />
      {report ? (
        <div className={`verify-result ${report.ok ? 'ok' : 'bad'}`} role="status" data-testid="verify-result">
          <p>
            <strong>{report.ok ? 'Intact' : 'Problem found'}</strong>: {report.records} records from {report.writers}{' '}
            {report.writers === 1 ? 'writer' : 'writers'}, {report.checkpoints} signed checkpoints, {Math.round(report.recordsPerSecond)}{' '}
            records/s.
          </p>
          {report.firstProblem ? <p>First problem: {report.firstProblem}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
