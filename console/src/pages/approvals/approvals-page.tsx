import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import {
  ApprovalsDocument,
  ApproveUserDocument,
  RevokeApprovalDocument,
  type ApprovalFieldsFragment,
  type Purpose,
} from '../../gql/graphql';
import { readHubResult } from '../../api/hub-result';
import { ORGANISATION_NAMES, organisationName, purposeLabel } from '../../api/labels';
import { useHubQuery, useSignOutWhenRefused } from '../../api/use-hub-query';
import { hasRole, useAccess } from '../../app/access';
import { RequireCheckpoint } from '../../checkpoint/purpose-checkpoint';
import { CheckboxGroup, Field } from '../../components/form-field';
import { Loading, ProblemList } from '../../components/status';
import { todayIso, ukDate, ukDateTime } from '../../format/dates';
import {
  APPROVABLE_PURPOSES,
  APPROVABLE_ROLES,
  NOMINATED_ROLES,
  approvalStatusText,
  latestExpiry,
  roleLabel,
  validateApproval,
  validateRevocation,
  type ApprovalFormErrors,
  type ApprovalFormInput,
} from './approval-logic';

type Approval = ApprovalFieldsFragment;

/**
 * User approvals (ISA 6.4, 9.4): the organisation's users, what each is approved for and until
 * when, and who approved them. The nominated representative approves, changes and revokes; the
 * DPO reads their own organisation's; an auditor reads any organisation's, for the purpose AUDIT.
 */
export function ApprovalsPage() {
  const access = useAccess();
  const [organisation, setOrganisation] = useState('birmingham-city-council');
  if (hasRole(access, 'REPRESENTATIVE', 'DATA_PROTECTION_OFFICER')) return <Approvals organisation={access.org} />;
  if (!hasRole(access, 'AUDITOR')) {
    return (
      <>
        <h1>Approvals</h1>
        <p>An organisation’s approvals are read by its nominated representative and DPO, and by auditors.</p>
      </>
    );
  }
  return (
    <>
      <h1>Approvals</h1>
      <RequireCheckpoint purpose="AUDIT">
        <Field label="Organisation">
          {(p) => (
            <select {...p} value={organisation} onChange={(e) => setOrganisation(e.target.value)}>
              {Object.entries(ORGANISATION_NAMES)
                .filter(([id]) => id !== access.org)
                .map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Approvals key={organisation} organisation={organisation} titled={false} />
      </RequireCheckpoint>
    </>
  );
}

function Approvals({ organisation, titled = true }: { organisation: string; titled?: boolean }) {
  const access = useAccess();
  const representative = hasRole(access, 'REPRESENTATIVE') && organisation === access.org;
  const { data, fetching, hub, reexecute } = useHubQuery(ApprovalsDocument, { organisation });
  const [editing, setEditing] = useState<Approval | 'new' | null>(null);
  const [effect, setEffect] = useState<string | null>(null);
  const changed = (text: string) => {
    setEffect(text);
    setEditing(null);
    reexecute();
  };
  return (
    <>
      {titled ? <h1>Approvals</h1> : null}
      <p>
        Who at {organisationName(organisation)} may use the hub, for which purposes and until when (ISA 6.4, 9.4). An approval lasts at most
        12 months; a change or revocation applies from the user’s next request.
        {representative ? '' : ' Only the nominated representative changes them.'}
      </p>
      {effect ? (
        <p className="notice" role="status" data-testid="approval-effect">
          {effect}
        </p>
      ) : null}
      {fetching && !data ? <Loading what="the approvals" /> : null}
      <ProblemList problems={hub.problems} requestId={hub.requestId} onRetry={reexecute} />
      {representative && editing === null ? (
        <p>
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            Approve a user
          </button>
        </p>
      ) : null}
      {representative && editing !== null ? (
        <ApprovalForm
          key={editing === 'new' ? 'new' : editing.userId}
          existing={editing === 'new' ? null : editing}
          onDone={changed}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {data ? (
        <div className="table-wrap">
          <table className="approvals">
            <caption>Users of {organisationName(organisation)}</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Roles</th>
                <th scope="col">Purposes</th>
                <th scope="col">Status</th>
                <th scope="col">Approved by</th>
                {representative ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.approvals.map((a) => (
                <ApprovalRow
                  key={`${a.issuer}|${a.userId}`}
                  approval={a}
                  representative={representative}
                  onEdit={() => setEditing(a)}
                  onChanged={changed}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

function ApprovalRow({
  approval: a,
  representative,
  onEdit,
  onChanged,
}: {
  approval: Approval;
  representative: boolean;
  onEdit: () => void;
  onChanged: (text: string) => void;
}) {
  const [revoking, setRevoking] = useState(false);
  // Representatives and auditors are nominated by their organisation, not approved: the hub
  // refuses to change or revoke them, so their rows are read-only.
  const actionable = representative && !a.roles.some((role) => NOMINATED_ROLES.includes(role));
  return (
    <tr data-user={a.userId} data-issuer={a.issuer}>
      <th scope="row">
        <code>{a.userId}</code>
        {a.name ? <div>{a.name}</div> : null}
        <div className="hint">vouched for by {a.issuer}</div>
      </th>
      <td>{a.roles.map(roleLabel).join(', ')}</td>
      <td>{a.purposes.map(purposeLabel).join(', ')}</td>
      <td data-testid="approval-status" data-status={a.status}>
        {approvalStatusText(a)}
      </td>
      <td>
        {a.approvedBy}, {ukDate(a.approvedOn)}
        <details>
          <summary>History ({a.history.length})</summary>
          <ul className="plain">
            {a.history.map((h, i) => (
              <li key={i}>
                {ukDateTime(h.occurredAt)}: {h.action === 'REVOKED' ? 'revoked' : 'approved'} by {h.byUserId}
                {h.purposes?.length ? ` for ${h.purposes.map(purposeLabel).join(', ')}` : ''}
                {h.expiresOn ? ` until ${ukDate(h.expiresOn)}` : ''}
                {h.reason ? ` — ${h.reason}` : ''}
              </li>
            ))}
          </ul>
        </details>
      </td>
      {representative ? (
        <td>
          {actionable ? (
            <div className="approval-actions">
              <button type="button" onClick={onEdit} aria-label={`Change the approval of ${a.userId}`}>
                Change
              </button>
              {a.status !== 'REVOKED' && !revoking ? (
                <button type="button" onClick={() => setRevoking(true)} aria-label={`Revoke the approval of ${a.userId}`}>
                  Revoke
                </button>
              ) : null}
            </div>
          ) : (
            <span className="hint">Nominated by the organisation</span>
          )}
          {revoking ? (
            <Revoke
              approval={a}
              onCancel={() => setRevoking(false)}
              onDone={(text) => {
                setRevoking(false);
                onChanged(text);
              }}
            />
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}

function Revoke({ approval, onDone, onCancel }: { approval: Approval; onDone: (text: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [result, revoke] = useMutation(RevokeApprovalDocument);
  const hub = readHubResult(result);
  useSignOutWhenRefused(hub);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = validateRevocation(reason);
    setError(problem ?? undefined);
    if (problem) return;
    const answer = await revoke({ userId: approval.userId, issuer: approval.issuer, reason: reason.trim() });
    if (answer.data?.revokeApproval) onDone(`${approval.userId}’s approval is revoked, from their next request: ${reason.trim()}`);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Revoke the approval of ${approval.userId}`}>
      <Field label={`Reason for revoking ${approval.userId}`} error={error}>
        {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <ProblemList problems={hub.problems} requestId={hub.requestId} refusal="The hub refused this change" />
      <div className="approval-actions">
        <button type="submit" className="danger" disabled={result.fetching}>
          Revoke the approval
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ApprovalForm({ existing, onDone, onCancel }: { existing: Approval | null; onDone: (text: string) => void; onCancel: () => void }) {
  const today = todayIso();
  const latest = latestExpiry(today);
  const [input, setInput] = useState<ApprovalFormInput>({
    userId: existing?.userId ?? '',
    name: existing?.name ?? '',
    roles: existing?.roles.filter((r) => (APPROVABLE_ROLES as readonly string[]).includes(r)) ?? [],
    purposes: existing?.purposes ?? [],
    expiresOn: ukDate(existing && existing.status === 'ACTIVE' && existing.expiresOn <= latest ? existing.expiresOn : latest),
  });
  // After the first try, errors follow the form as it is corrected.
  const [tried, setTried] = useState(false);
  const errors: ApprovalFormErrors = tried ? validateApproval(input, today).errors : {};
  const [result, approve] = useMutation(ApproveUserDocument);
  const hub = readHubResult(result);
  useSignOutWhenRefused(hub);
  const id = useId();
  const set = (change: Partial<ApprovalFormInput>) => setInput((i) => ({ ...i, ...change }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { errors: found, expiresOn } = validateApproval(input, today);
    setTried(true);
    if (Object.keys(found).length > 0 || !expiresOn) return;
    const answer = await approve({
      input: {
        userId: input.userId.trim(),
        issuer: existing?.issuer ?? null,
        name: input.name.trim() || null,
        roles: input.roles,
        purposes: input.purposes as Purpose[],
        expiresOn,
      },
    });
    const approved = answer.data?.approveUser;
    if (approved)
      onDone(
        `${approved.userId} is approved for ${approved.purposes.map(purposeLabel).join(', ')} until ${ukDate(approved.expiresOn)}, from their next request.`,
      );
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{existing ? `Change the approval of ${existing.userId}` : 'Approve a user'}</h2>
      <div className="form-grid">
        <Field label="User id" hint="As your identity provider names them." error={errors.userId}>
          {(p) => (
            <input
              {...p}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={input.userId}
              readOnly={existing !== null}
              onChange={(e) => set({ userId: e.target.value })}
            />
          )}
        </Field>
        <Field label="Job title (optional)">
          {(p) => <input {...p} type="text" value={input.name} onChange={(e) => set({ name: e.target.value })} />}
        </Field>
      </div>
      <CheckboxGroup
        legend="Roles"
        error={errors.roles}
        options={APPROVABLE_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
        chosen={input.roles}
        onChange={(roles) => set({ roles })}
        name={`${id}-roles`}
      />
      <CheckboxGroup
        legend="Purposes"
        hint="Only what the user’s job needs (need to know, ISA 6.4)."
        error={errors.purposes}
        options={APPROVABLE_PURPOSES.map((p) => ({ value: p, label: purposeLabel(p) }))}
        chosen={input.purposes}
        onChange={(purposes) => set({ purposes })}
        name={`${id}-purposes`}
      />
      <Field label="Approved until" hint={`dd/mm/yyyy, at most 12 months ahead (by ${ukDate(latest)}).`} error={errors.expiresOn}>
        {(p) => (
          <input {...p} type="text" inputMode="numeric" value={input.expiresOn} onChange={(e) => set({ expiresOn: e.target.value })} />
        )}
      </Field>
      <ProblemList problems={hub.problems} requestId={hub.requestId} refusal="The hub refused this change" />
      <div className="approval-actions">
        <button type="submit" className="primary" disabled={result.fetching}>
          {existing ? 'Save the approval' : 'Approve'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
