import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from 'urql';
import {
  DecideInformationRequestDocument,
  InformationRequestsDocument,
  WithdrawInformationRequestDocument,
  type RequestBox,
  type RequestFieldsFragment,
  type RequestOutcome,
} from '../../gql/graphql';
import { readHubResult } from '../../api/hub-result';
import { lawfulBasisLabel, organisationName, partnerName, purposeLabel } from '../../api/labels';
import { useHubQuery, useSignOutWhenRefused } from '../../api/use-hub-query';
import { hasRole, useAccess } from '../../app/access';
import { Link, useLocation } from '../../app/router';
import { RequireCheckpoint } from '../../checkpoint/purpose-checkpoint';
import { BoxTabs, CursorPager, useCursorPages } from '../../components/boxes';
import { CheckboxGroup, Field } from '../../components/form-field';
import { Loading, ProblemList } from '../../components/status';
import { todayIso, ukDateTime } from '../../format/dates';
import {
  coordinateLabel,
  DECIDER_ROLES,
  decisionFields,
  defaultUntil,
  disclosureChoices,
  partStatusText,
  REQUEST_STATUS_TEXT,
  REQUESTER_ROLES,
  validateDecision,
  type DecisionFormErrors,
  type DecisionFormInput,
} from './request-logic';

type Request = RequestFieldsFragment;
type Part = Request['parts'][number];

const PAGE_SIZE = 10;

/** Information requests (ISA 2.5–2.6): the ones you sent, and your organisation's inbox. */
export function RequestsPage() {
  const access = useAccess();
  const { query } = useLocation();
  const boxes: RequestBox[] = [
    ...(hasRole(access, ...DECIDER_ROLES) ? (['INBOX'] as const) : []),
    ...(hasRole(access, ...REQUESTER_ROLES) ? (['SENT'] as const) : []),
  ];
  const asked = query.get('box') as RequestBox | null;
  const box = asked && boxes.includes(asked) ? asked : boxes[0];
  return (
    <>
      <h1>Information requests</h1>
      <p>
        A request asks another partner for named parts of a subject’s record (ISA 2.5, Appendix 2). The owner’s disclosure officer discloses
        them for a time or declines with a reason (ISA 2.6). To ask, open a subject and use “Ask … for this” on a withheld part.
      </p>
      {box ? (
        <RequireCheckpoint>
          <BoxTabs boxes={boxes} current={box} path="/requests" label="Request boxes" />
          <RequestList key={box} box={box} />
        </RequireCheckpoint>
      ) : (
        <p>Your role neither makes information requests (rule W1) nor answers them (rule W2).</p>
      )}
    </>
  );
}

function RequestList({ box }: { box: RequestBox }) {
  const pages = useCursorPages();
  const { data, fetching, hub, reexecute } = useHubQuery(InformationRequestsDocument, { box, first: PAGE_SIZE, after: pages.after });
  const page = data?.informationRequests;
  return (
    <section aria-label={box === 'INBOX' ? 'Inbox: requests to your organisation' : 'Requests you sent'}>
      <h2>{box === 'INBOX' ? 'Requests to your organisation' : 'Requests you sent'}</h2>
      {fetching && !data ? <Loading what="the requests" /> : null}
      <ProblemList problems={hub.problems} requestId={hub.requestId} onRetry={reexecute} />
      {page && page.edges.length === 0 ? (
        <p>{box === 'INBOX' ? 'No request is addressed to your organisation.' : 'You have sent no request.'}</p>
      ) : null}
      {page?.edges.map((e) => (
        <RequestCard key={e.node.id} request={e.node} box={box} onChanged={reexecute} />
      ))}
      {page ? <CursorPager pages={pages} pageInfo={page.pageInfo} label="Request pages" /> : null}
    </section>
  );
}

function RequestCard({ request, box, onChanged }: { request: Request; box: RequestBox; onChanged: () => void }) {
  const id = useId();
  // Kept here, not in the form: the form goes once the part is decided, by this user or another.
  const [outcome, setOutcome] = useState<{ conflict: boolean; text: string } | null>(null);
  const settled = (o: { conflict: boolean; text: string }) => {
    setOutcome(o);
    onChanged();
  };
  return (
    <article className="card request" aria-labelledby={`${id}-title`} data-request={request.id} data-testid="request">
      <h3 id={`${id}-title`}>
        {request.id} · <span className="ref">{request.subjectId}</span>{' '}
        <span className={`badge ${request.status === 'WITHDRAWN' ? 'badge-withheld' : 'badge-shown'}`} data-testid="request-status">
          {REQUEST_STATUS_TEXT[request.status] ?? request.status}
        </span>
      </h3>
      <dl className="record">
        <Row label="Sent">{ukDateTime(request.createdAt)}</Row>
        <Row label="Requester">
          {request.requesterId} · {organisationName(request.requesterOrg)}
        </Row>
        <Row label="Purpose">{purposeLabel(request.purpose)}</Row>
        <Row label="Lawful basis">{lawfulBasisLabel(request.lawfulBasis)}</Row>
        <Row label="Case reference">{request.caseRef}</Row>
        <Row label="Why it is needed">{request.reason}</Row>
        <Row label="Declaration">
          Necessary and proportionate, declared by {request.declaration.name}, {request.declaration.role}
        </Row>
        <Row label="Tipping off">
          <span data-testid="tipping-off">
            {request.tippingOffRisk ? `Flagged: the subject must not learn of it — ${request.tippingOffReason ?? ''}` : 'Not flagged'}
          </span>
        </Row>
      </dl>
      {outcome ? (
        outcome.conflict ? (
          <div className="problem" role="alert" data-code="CONFLICT" data-testid="request-conflict">
            <p className="problem-title">Someone else acted on this request first</p>
            <p>{outcome.text} What is shown below is how it stands now.</p>
          </div>
        ) : (
          <p className="notice" role="status" data-testid="request-outcome">
            {outcome.text}
          </p>
        )
      ) : null}
      <h4>{box === 'INBOX' ? 'Your organisation’s part' : 'Parts'}</h4>
      <ul className="plain">
        {request.parts.map((part) => (
          <li key={part.owner} data-owner={part.owner}>
            <p>
              <strong>{partnerName(part.owner)}</strong>: {part.fields.map(coordinateLabel).join(', ')}{' '}
              <span className="coordinate">({part.fields.join(', ')})</span>
            </p>
            <p className="part-status" data-status={part.status} data-testid="part-status">
              {partStatusText(part)}
              {part.decidedBy && part.decidedAt ? ` — ${part.decidedBy}, ${ukDateTime(part.decidedAt)}` : ''}
            </p>
            {box === 'INBOX' && part.status === 'PENDING' && request.status !== 'WITHDRAWN' ? (
              <>
                <p>
                  <Link to={`/subject/${encodeURIComponent(request.subjectId)}`}>
                    View your organisation’s record of {request.subjectId}
                  </Link>
                </p>
                <Decision request={request} part={part} onSettled={settled} />
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {box === 'SENT' && request.status !== 'WITHDRAWN' ? <Withdraw request={request} onSettled={settled} /> : null}
    </article>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="record-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

type Settled = (outcome: { conflict: boolean; text: string }) => void;

/** The hub's CONFLICT (someone else decided or withdrew first), in its words. */
function conflictOf(error: { graphQLErrors: readonly { message: string; extensions?: Record<string, unknown> }[] } | undefined) {
  return error?.graphQLErrors.find((e) => e.extensions?.code === 'CONFLICT')?.message ?? null;
}

function Decision({ request, part, onSettled }: { request: Request; part: Part; onSettled: Settled }) {
  const choices = disclosureChoices(part.fields);
  const today = todayIso();
  const [input, setInput] = useState<DecisionFormInput>({ outcome: '', chosen: choices, until: defaultUntil(today), reason: '' });
  const [errors, setErrors] = useState<DecisionFormErrors>({});
  const [result, decide] = useMutation(DecideInformationRequestDocument);
  const hub = readHubResult(result);
  useSignOutWhenRefused(hub);
  const id = useId();
  const set = (change: Partial<DecisionFormInput>) => setInput((i) => ({ ...i, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { errors: found, expiresOn } = validateDecision(input, today);
    setErrors(found);
    if (Object.keys(found).length > 0 || !input.outcome) return;
    const outcome = input.outcome as RequestOutcome;
    const decision =
      outcome === 'DISCLOSE'
        ? { owner: part.owner, outcome, fields: decisionFields(part.fields, input.chosen), expiresOn }
        : { owner: part.owner, outcome, reason: input.reason.trim() || null };
    const answer = await decide({ id: request.id, decisions: [decision] });
    // Decided, or someone else decided first (CONFLICT): either way the list shows how it stands.
    const decided = answer.data?.decideInformationRequest?.parts.find((p) => p.owner === part.owner);
    const conflict = conflictOf(answer.error);
    if (decided) onSettled({ conflict: false, text: `Answer recorded: ${partStatusText(decided)}.` });
    else if (conflict) onSettled({ conflict: true, text: conflict });
  };

  return (
    <form className="decision" onSubmit={submit} noValidate aria-label={`Answer ${request.id}`}>
      <fieldset className={errors.outcome ? 'field-error' : ''} aria-describedby={errors.outcome ? `${id}-outcome-error` : undefined}>
        <legend>Your answer</legend>
        {errors.outcome ? (
          <p className="error-message" id={`${id}-outcome-error`}>
            {errors.outcome}
          </p>
        ) : null}
        {(
          [
            ['DISCLOSE', 'Disclose'],
            ['DECLINE', 'Decline'],
            ['NOTHING_HELD', 'Nothing held'],
          ] as const
        ).map(([value, label]) => (
          <label className="radio" key={value}>
            <input
              type="radio"
              name={`${id}-outcome`}
              value={value}
              checked={input.outcome === value}
              onChange={() => set({ outcome: value })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {input.outcome === 'DISCLOSE' ? (
        <>
          <CheckboxGroup
            legend="Fields to disclose"
            hint="All that was asked for, or fewer."
            error={errors.chosen}
            options={choices.map((c) => ({ value: c, label: coordinateLabel(c) }))}
            chosen={input.chosen}
            onChange={(chosen) => set({ chosen })}
            name={`${id}-fields`}
          />
          <Field label="Disclose until" hint="dd/mm/yyyy; 28 days from today unless you change it, at most a year." error={errors.until}>
            {(p) => <input {...p} type="text" inputMode="numeric" value={input.until} onChange={(e) => set({ until: e.target.value })} />}
          </Field>
        </>
      ) : null}
      {input.outcome === 'DECLINE' || input.outcome === 'NOTHING_HELD' ? (
        <Field
          label={input.outcome === 'DECLINE' ? 'Reason for declining' : 'Note (optional)'}
          hint="The requester sees it."
          error={errors.reason}
        >
          {(p) => <textarea {...p} rows={2} value={input.reason} onChange={(e) => set({ reason: e.target.value })} />}
        </Field>
      ) : null}
      <ProblemList problems={hub.problems.filter((p) => p.code !== 'CONFLICT')} requestId={hub.requestId} refusal="The hub refused this" />
      <button type="submit" className="primary" disabled={result.fetching}>
        Record the answer
      </button>
    </form>
  );
}

function Withdraw({ request, onSettled }: { request: Request; onSettled: Settled }) {
  const [result, withdraw] = useMutation(WithdrawInformationRequestDocument);
  const hub = readHubResult(result);
  useSignOutWhenRefused(hub);
  const run = async () => {
    const answer = await withdraw({ id: request.id });
    const conflict = conflictOf(answer.error);
    if (answer.data?.withdrawInformationRequest)
      onSettled({ conflict: false, text: `${request.id} withdrawn: any disclosure made on it has ended.` });
    else if (conflict) onSettled({ conflict: true, text: conflict });
  };
  return (
    <div className="decision">
      <ProblemList problems={hub.problems.filter((p) => p.code !== 'CONFLICT')} requestId={hub.requestId} refusal="The hub refused this" />
      <button type="button" className="danger" onClick={run} disabled={result.fetching}>
        Withdraw {request.id}
      </button>
      <p className="hint">Withdrawing ends any disclosure made on it.</p>
    </div>
  );
}
