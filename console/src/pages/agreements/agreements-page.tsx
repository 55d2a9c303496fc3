import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { AgreementsDocument, LiftAgreementSuspensionDocument, SuspendAgreementDocument, type AgreementsQuery } from '../../gql/graphql';
import { readHubResult } from '../../api/hub-result';
import { organisationName, purposeLabel } from '../../api/labels';
import { useHubQuery, useSignOutWhenRefused } from '../../api/use-hub-query';
import { hasRole, useAccess } from '../../app/access';
import { Loading, ProblemList } from '../../components/status';
import { ukDate } from '../../format/dates';

type Agreement = AgreementsQuery['agreements'][number];

const STATUS_TEXT: Record<string, string> = {
  ACTIVE: 'In force',
  SUSPENDED: 'Suspended',
  EXPIRED: 'Expired (past its review-by date)',
  NOT_YET_EFFECTIVE: 'Not yet in force',
  TERMINATED: 'Terminated',
};

export function AgreementsPage() {
  const { data, fetching, hub, reexecute } = useHubQuery(AgreementsDocument, {});
  return (
    <>
      <h1>Agreements</h1>
      <p>
        The information sharing agreements the hub enforces, field by field. A party’s nominated representative may suspend one to
        investigate a serious breach (ISA 13.2): every rule of it then withholds at once, with the reason.
      </p>
      {fetching && !data ? <Loading what="the agreements" /> : null}
      <ProblemList problems={hub.problems} requestId={hub.requestId} onRetry={reexecute} />
      {data?.agreements.map((a) => (
        <AgreementCard key={a.id} agreement={a} onChanged={reexecute} />
      ))}
    </>
  );
}

function AgreementCard({ agreement, onChanged }: { agreement: Agreement; onChanged: () => void }) {
  const access = useAccess();
  const representative = hasRole(access, 'REPRESENTATIVE') && agreement.parties.includes(access.org);
  const id = useId();
  return (
    <section className="card agreement" aria-labelledby={`${id}-title`} data-agreement={agreement.id}>
      <h2 id={`${id}-title`}>
        {agreement.title}{' '}
        <span className="ref">
          {agreement.id}@{agreement.version}
        </span>
      </h2>
      <p className={`agreement-status status-${agreement.status.toLowerCase()}`} data-testid="agreement-status">
        <span className={`badge ${agreement.status === 'ACTIVE' ? 'badge-shown' : 'badge-withheld'}`}>
          {STATUS_TEXT[agreement.status] ?? agreement.status}
        </span>
        {agreement.statusReason ? <> — {agreement.statusReason}</> : null}
      </p>
      <dl className="record">
        <div className="record-row">
          <dt>Signed</dt>
          <dd>{ukDate(agreement.signedOn)}</dd>
        </div>
        <div className="record-row">
          <dt>Review by</dt>
          <dd>{ukDate(agreement.reviewBy)}</dd>
        </div>
        <div className="record-row">
          <dt>Parties</dt>
          <dd>
            <ul className="plain">
              {agreement.parties.map((p) => (
                <li key={p}>{organisationName(p)}</li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <details>
        <summary>Its {agreement.rules.length} rules</summary>
        <table className="rules">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Effect</th>
              <th scope="col">Owner</th>
              <th scope="col">Fields</th>
              <th scope="col">Purposes</th>
              <th scope="col">Conditions</th>
            </tr>
          </thead>
          <tbody>
            {agreement.rules.map((r) => (
              <tr key={r.id}>
                <td>
                  <code>{r.id}</code>
                  <br />
                  {r.description}
                </td>
                <td>{r.effect}</td>
                <td>{r.owner ?? '—'}</td>
                <td>{r.fields.join(', ')}</td>
                <td>{r.purposes.map(purposeLabel).join(', ')}</td>
                <td>{r.conditions.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {representative ? <Suspension agreement={agreement} org={access.org} onChanged={onChanged} /> : null}
    </section>
  );
}

/**
 * A party's own suspension (ISA 13.2): its representative suspends or lifts it. Another party's
 * suspension is not theirs to lift, and does not stop them suspending too: each stands until the
 * party that made it lifts it.
 */
function Suspension({ agreement, org, onChanged }: { agreement: Agreement; org: string; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [effect, setEffect] = useState<string | null>(null);
  const [suspendResult, suspend] = useMutation(SuspendAgreementDocument);
  const [liftResult, lift] = useMutation(LiftAgreementSuspensionDocument);
  const ours = agreement.suspendedBy.includes(org);
  const others = agreement.suspendedBy.filter((party) => party !== org).map(organisationName);
  const hub = readHubResult(ours ? liftResult : suspendResult);
  useSignOutWhenRefused(hub);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (text.length < 10 || text.length > 500) {
      setError('Give the reason in 10 to 500 characters: it is shown to everyone whose data stops.');
      return;
    }
    setError(null);
    const result = await suspend({ id: agreement.id, reason: text });
    if (result.data?.suspendAgreement) {
      setEffect(`Suspended. Every rule of ${agreement.id} now withholds, on the next request of every user, naming your reason.`);
      setReason('');
      onChanged();
    }
  };
  const doLift = async () => {
    const lifted = (await lift({ id: agreement.id })).data?.liftAgreementSuspension;
    if (lifted) {
      const still = lifted.suspendedBy.map(organisationName).join(', ');
      setEffect(
        `Your suspension is lifted: ${agreement.id} is ${lifted.status === 'ACTIVE' ? 'in force again' : still ? `still suspended by ${still}` : lifted.status}.`,
      );
      onChanged();
    }
  };

  return (
    <div className="suspension">
      <h3>As a nominated representative</h3>
      {effect ? (
        <p className="notice" role="status" data-testid="suspension-effect">
          {effect}
        </p>
      ) : null}
      <ProblemList problems={hub.problems} requestId={hub.requestId} />
      {ours ? (
        <button type="button" className="primary" onClick={doLift} disabled={liftResult.fetching}>
          Lift the suspension
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className={`field ${error ? 'field-error' : ''}`}>
            <label htmlFor={`${id}-reason`}>Reason for suspending (ISA 13.2)</label>
            <p className="hint" id={`${id}-hint`}>
              Every user then sees every field of this agreement withheld, with this reason.
              {others.length > 0
                ? ` It is already suspended by ${others.join(', ')}; your suspension stands on its own until you lift it.`
                : null}
            </p>
            {error ? (
              <p className="error-message" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
            <textarea
              id={`${id}-reason`}
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
              aria-invalid={error ? true : undefined}
            />
          </div>
          <button type="submit" className="danger" disabled={suspendResult.fetching}>
            Suspend the agreement
          </button>
        </form>
      )}
    </div>
  );
}
