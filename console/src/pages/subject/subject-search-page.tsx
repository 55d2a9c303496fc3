import { useId, useState, type FormEvent } from 'react';
import { SubjectSearchDocument } from '../../gql/graphql';
import { useHubQuery } from '../../api/use-hub-query';
import { Link } from '../../app/router';
import { RequireCheckpoint } from '../../checkpoint/purpose-checkpoint';
import { HandlingBanner, ReceiptNote } from '../../components/handling';
import { Pager } from '../../components/pager';
import { Loading, ProblemList } from '../../components/status';

const SUBJECT_REF = /^SUBJ-\d{6}$/;
const PAGE = 20;

/** `SUBJ-000001, subj-3` → `['SUBJ-000001', 'SUBJ-000003']`, or the first reference that is not one. */
export function parseSubjectRefs(text: string): { ids: string[]; invalid: string | null } {
  const ids: string[] = [];
  for (const raw of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^subj-?(\d{1,6})$/i.exec(raw);
    const id = m ? `SUBJ-${m[1]!.padStart(6, '0')}` : raw;
    if (!SUBJECT_REF.test(id)) return { ids: [], invalid: raw };
    if (!ids.includes(id)) ids.push(id);
  }
  return { ids, invalid: null };
}

export function SubjectSearchPage() {
  const [text, setText] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseSubjectRefs(text);
    if (parsed.invalid) setError(`“${parsed.invalid}” is not a subject reference (SUBJ- and six digits).`);
    else if (parsed.ids.length === 0) setError('Give at least one subject reference.');
    else if (parsed.ids.length > 200) setError('At most 200 subjects at a time.');
    else {
      setError(null);
      setIds(parsed.ids);
    }
  };
  return (
    <>
      <h1>Subjects</h1>
      <RequireCheckpoint>
        <form className="search" onSubmit={submit} noValidate role="search">
          <div className={`field ${error ? 'field-error' : ''}`}>
            <label htmlFor={`${id}-refs`}>Subject references</label>
            <p className="hint" id={`${id}-hint`}>
              One or more hub references, for example SUBJ-000001. The hub never says whether anyone holds a subject: each partner shows
              what it shares with you.
            </p>
            {error ? (
              <p className="error-message" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
            <input
              id={`${id}-refs`}
              type="search"
              value={text}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setText(e.target.value)}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
              aria-invalid={error ? true : undefined}
            />
          </div>
          <button type="submit" className="primary">
            Search
          </button>
        </form>
        {ids.length > 0 ? <SearchResults ids={ids} /> : null}
      </RequireCheckpoint>
    </>
  );
}

function SearchResults({ ids }: { ids: string[] }) {
  const { data, fetching, hub, reexecute } = useHubQuery(SubjectSearchDocument, { ids });
  const [page, setPage] = useState(0);
  const people = data?.people ?? [];
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">Results</h2>
      <HandlingBanner handling={hub.handling} personal />
      {fetching ? <Loading what="the subjects" /> : null}
      <ProblemList problems={hub.problems} requestId={hub.requestId} onRetry={reexecute} />
      <ReceiptNote receipt={hub.receipt} requestId={hub.requestId} />
      {people.length > 0 ? (
        <>
          <table className="results">
            <caption className="visually-hidden">Subjects found</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Police name</th>
                <th scope="col">Council name</th>
                <th scope="col">NHS name</th>
              </tr>
            </thead>
            <tbody>
              {people.slice(page * PAGE, page * PAGE + PAGE).map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/subject/${p.id}`}>{p.id}</Link>
                  </th>
                  <td>{p.police?.names?.[0]?.fullName ?? '—'}</td>
                  <td>{p.localAuthority?.names?.[0]?.fullName ?? '—'}</td>
                  <td>{p.health?.names?.[0]?.fullName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {people.length > PAGE ? <Pager page={page} pageSize={PAGE} total={people.length} onPage={setPage} label="Results" /> : null}
        </>
      ) : null}
    </section>
  );
}
