import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from 'urql';
import {
  DecideReferralDocument,
  ReferralsDocument,
  UpdateServiceCapacityDocument,
  type ReferralFieldsFragment,
  type RequestBox,
} from '../../gql/graphql';
import { readHubResult } from '../../api/hub-result';
import { organisationName } from '../../api/labels';
import { useHubQuery, useSignOutWhenRefused } from '../../api/use-hub-query';
import { hasRole, useAccess } from '../../app/access';
import { Link, useLocation } from '../../app/router';
import { RequireCheckpoint } from '../../checkpoint/purpose-checkpoint';
import { BoxTabs, CursorPager, useCursorPages } from '../../components/boxes';
import { Field } from '../../components/form-field';
import { Loading, ProblemList } from '../../components/status';
import { ukDateTime } from '../../format/dates';
import {
  PROVIDER_ROLES,
  REFERRER_ROLES,
  referralStatusText,
  sharedFieldLabel,
  sharedValueText,
  validatePlaces,
  validateReferralDecision,
  type DecisionInput,
  type PlacesInput,
} from './referral-logic';

type Referral = ReferralFieldsFragment;

const PAGE_SIZE = 10;

/** Referrals (rules W5–W6): the ones you sent, and those to your organisation's services. */
export function ReferralsPage() {
  const access = useAccess();
  const { query } = useLocation();
  const boxes: RequestBox[] = [
    ...(hasRole(access, ...REFERRER_ROLES) ? (['SENT'] as const) : []),
    ...(hasRole(access, ...PROVIDER_ROLES) ? (['INBOX'] as const) : []),
  ];
  const asked = query.get('box') as RequestBox | null;
  const box = asked && boxes.includes(asked) ? asked : boxes[0];
  return (
    <>
      <h1>Referrals</h1>
      <p>
        A referral asks a service of the directory to take a person on: the hub holds a place while the provider decides and tells the
        provider only the fields the referrer chose, within the person’s consent (rule 7). To refer, run a{' '}
        <Link to="/care-pathway">care pathway</Link> and use “Refer to this service” on a service that can take the person now.
      </p>
      {box ? (
        <RequireCheckpoint>
          <BoxTabs boxes={boxes} current={box} path="/referrals" label="Referral boxes" />
          <ReferralList key={box} box={box} />
        </RequireCheckpoint>
      ) : (
        <p>Your role neither refers people to services (rule W5) nor answers referrals (rule W6).</p>
      )}
    </>
  );
}

function ReferralList({ box }: { box: RequestBox }) {
  const pages = useCursorPages();
  const { data, fetching, hub, reexecute } = useHubQuery(ReferralsDocument, { box, first: PAGE_SIZE, after: pages.after });
  const page = data?.referrals;
  const services = [...new Map((page?.edges ?? []).map((e) => [e.node.service.id, e.node.service])).values()];
  return (
    <section aria-label={box === 'INBOX' ? 'Inbox: referrals to your services' : 'Referrals you sent'}>
      <h2>{box === 'INBOX' ? 'Referrals to your organisation’s services' : 'Referrals you sent'}</h2>
      {fetching && !data ? <Loading what="the referrals" /> : null}
      <ProblemList problems={hub.problems} requestId={hub.requestId} onRetry={reexecute} />
      {page && page.edges.length === 0 ? (
        <p>{box === 'INBOX' ? 'No referral has come to your organisation’s services.' : 'You have sent no referral.'}</p>
      ) : null}
      {page?.edges.map((e) => (
        <ReferralCard key={e.node.id} referral={e.node} box={box} onChanged={reexecute} />
      ))}
      {page ? <CursorPager pages={pages} pageInfo={page.pageInfo} label="Referral pages" /> : null}
      {box === 'INBOX' && services.length > 0 ? (
        <section aria-labelledby="places-title" className="places">
          <h2 id="places-title">Places at your services</h2>
          <p className="hint">Keep each service’s places true: the care pathway reads them, less the places held for pending referrals.</p>
          {services.map((s) => (
            <PlacesForm key={s.id} serviceId={s.id} serviceName={s.name} />
          ))}
        </section>
      ) : null}
    </section>
  );
}

function ReferralCard({ referral, box, onChanged }: { referral: Referral; box: RequestBox; onChanged: () => void }) {
  const id = useId();
  const [outcome, setOutcome] = useState<{ conflict: boolean; text: string } | null>(null);
  const settled = (o: { conflict: boolean; text: string }) => {
    setOutcome(o);
    onChanged();
  };
  return (
    <article className="card referral" aria-labelledby={`${id}-title`} data-referral={referral.id} data-testid="referral">
      <h3 id={`${id}-title`}>
        {referral.id}
        {referral.subjectId ? (
          <>
            {' '}
            · <span className="ref">{referral.subjectId}</span>
          </>
        ) : null}{' '}
        <span
          className={`badge ${referral.status === 'DECLINED' || referral.status === 'EXPIRED' ? 'badge-withheld' : 'badge-shown'}`}
          data-status={referral.status}
          data-testid="referral-status"
        >
          {referralStatusText(referral)}
        </span>
      </h3>
      <dl className="record">
        <Row label="Service">
          {referral.service.name} · {organisationName(referral.service.providerOrg)}
        </Row>
        <Row label="Sent">
          {ukDateTime(referral.createdAt)} by {organisationName(referral.referrerOrg)}
        </Row>
        {referral.sharedValues ? (
          referral.sharedValues.map((v) => (
            <Row key={v.field} label={sharedFieldLabel(v.field)}>
              <span data-testid={`shared-${v.field}`}>{sharedValueText(v.value)}</span>
            </Row>
          ))
        ) : (
          <Row label="Shared with the provider">{referral.sharedFields.map(sharedFieldLabel).join(', ')}</Row>
        )}
        <Row label="Needs">{referral.needs.length > 0 ? referral.needs.join(', ') : 'None given'}</Row>
        {referral.decidedAt ? <Row label="Answered">{ukDateTime(referral.decidedAt)}</Row> : null}
      </dl>
      {outcome ? (
        outcome.conflict ? (
          <div className="problem" role="alert" data-code="CONFLICT" data-testid="referral-conflict">
            <p className="problem-title">This referral was answered or ended first</p>
            <p>{outcome.text} What is shown above is how it stands now.</p>
          </div>
        ) : (
          <p className="notice" role="status" data-testid="referral-outcome">
            {outcome.text}
          </p>
        )
      ) : null}
      {box === 'INBOX' && referral.status === 'PENDING' ? <Decision referral={referral} onSettled={settled} /> : null}
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

function conflictOf(error: { graphQLErrors: readonly { message: string; extensions?: Record<string, unknown> }[] } | undefined) {
  return error?.graphQLErrors.find((e) => e.extensions?.code === 'CONFLICT')?.message ?? null;
}

function Decision({ referral, onSettled }: { referral: Referral; onSettled: (o: { conflict: boolean; text: string }) => void }) {
  const [input, setInput] = useState<DecisionInput>({ outcome: '', reason: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof DecisionInput, string>>>({});
  const [result, decide] = useMutation(DecideReferralDocument);
  const hub = readHubResult(result);
  useSignOutWhenRefused(hub);
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateReferralDecision(input);
    setErrors(found);
    if (Object.keys(found).length > 0 || result.fetching) return;
    const accept = input.outcome === 'ACCEPT';
    const answer = await decide({ id: referral.id, accept, reason: accept ? null : input.reason.trim() });
    const decided = answer.data?.decideReferral;
    const conflict = conflictOf(answer.error);
    if (decided) onSettled({ conflict: false, text: `Answer recorded: ${referralStatusText(decided)}.` });
    else if (conflict) onSettled({ conflict: true, text: conflict });
  };
  return (
    <form className="decision" onSubmit={submit} noValidate aria-label={`Answer ${referral.id}`}>
      <fieldset className={errors.outcome ? 'field-error' : ''} aria-describedby={errors.outcome ? `${id}-outcome-error` : undefined}>
        <legend>Your answer</legend>
        {errors.outcome ? (
          <p className="error-message" id={`${id}-outcome-error`}>
            {errors.outcome}
          </p>
        ) : null}
        {(
          [
            ['ACCEPT', 'Accept: take the person on'],
            ['DECLINE', 'Decline'],
          ] as const
        ).map(([value, label]) => (
          <label className="radio" key={value}>
            <input
              type="radio"
              name={`${id}-outcome`}
              value={value}
              checked={input.outcome === value}
              onChange={() => setInput((i) => ({ ...i, outcome: value }))}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {input.outcome === 'DECLINE' ? (
        <Field label="Reason for declining" hint="The referrer sees it; the place is released." error={errors.reason}>
          {(p) => <textarea {...p} rows={2} value={input.reason} onChange={(e) => setInput((i) => ({ ...i, reason: e.target.value }))} />}
        </Field>
      ) : null}
      <ProblemList problems={hub.problems.filter((p) => p.code !== 'CONFLICT')} requestId={hub.requestId} refusal="The hub refused this" />
      <button type="submit" className="primary" disabled={result.fetching}>
        Record the answer
      </button>
    </form>
  );
}

function PlacesForm({ serviceId, serviceName }: { serviceId: string; serviceName: string }) {
  const [input, setInput] = useState<PlacesInput>({ total: '', available: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof PlacesInput, string>>>({});
  const [result, update] = useMutation(UpdateServiceCapacityDocument);
  const hub = readHubResult(result);
  useSignOutWhenRefused(hub);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validatePlaces(input);
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0 || result.fetching) return;
    await update({ serviceId, total: checked.total, available: checked.available });
  };
  const saved = result.data?.updateServiceCapacity;
  return (
    <form className="places-form" onSubmit={submit} noValidate aria-label={`Places at ${serviceName}`} data-service={serviceId}>
      <h3>{serviceName}</h3>
      <div className="form-grid">
        <Field label="Places in all" error={errors.total}>
          {(p) => (
            <input {...p} inputMode="numeric" value={input.total} onChange={(e) => setInput((i) => ({ ...i, total: e.target.value }))} />
          )}
        </Field>
        <Field label="Places free" hint="Not counting places held for pending referrals." error={errors.available}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={input.available}
              onChange={(e) => setInput((i) => ({ ...i, available: e.target.value }))}
            />
          )}
        </Field>
      </div>
      <ProblemList problems={hub.problems} requestId={hub.requestId} refusal="The hub refused this" />
      {saved ? (
        <p className="notice" role="status">
          {/* The hub's sentence: it says what the figures mean when fewer places are free than are held. */}
          Saved. {saved.message}
        </p>
      ) : null}
      <button type="submit">Save the places</button>
    </form>
  );
}
