import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ReferToServiceDocument } from '../../gql/graphql';
import { readHubResult } from '../../api/hub-result';
import { organisationName } from '../../api/labels';
import { useSignOutWhenRefused } from '../../api/use-hub-query';
import { hasRole, useAccess } from '../../app/access';
import { Link, useLocation } from '../../app/router';
import { RequireCheckpoint } from '../../checkpoint/purpose-checkpoint';
import { CheckboxGroup, Field } from '../../components/form-field';
import { ProblemList } from '../../components/status';
import {
  REFERRER_ROLES,
  referralStatusText,
  SHAREABLE_FIELDS,
  sharedFieldLabel,
  validateReferral,
  type ReferralFormErrors,
  type ReferralFormInput,
} from './referral-logic';

/** "Refer <subject> to this service", from a care pathway option that can take the person now. */
export function ReferralFormPage() {
  const { query } = useLocation();
  const serviceName = query.get('name') ?? query.get('service') ?? 'this service';
  return (
    <>
      <h1>Refer to {serviceName}</h1>
      <p className="back">
        <Link to="/care-pathway">Care pathways</Link> · <Link to="/referrals">Your referrals</Link>
      </p>
      <RequireCheckpoint>
        {/* A new form (and idempotency key) per service: a key is never reused for another referral. */}
        <ReferralForm key={query.get('service') ?? ''} serviceId={query.get('service') ?? ''} serviceName={serviceName} />
      </RequireCheckpoint>
    </>
  );
}

function ReferralForm({ serviceId, serviceName }: { serviceId: string; serviceName: string }) {
  const access = useAccess();
  const { query } = useLocation();
  const [input, setInput] = useState<ReferralFormInput>(() => ({ subjectId: query.get('subject') ?? '', sharedFields: [], needs: '' }));
  // One key per form: a double click or a retry returns the same referral and holds no second place.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [tried, setTried] = useState(false);
  const checked = validateReferral(input);
  const errors: ReferralFormErrors = tried ? checked.errors : {};
  const [result, refer] = useMutation(ReferToServiceDocument);
  const hub = readHubResult(result);
  useSignOutWhenRefused(hub);
  const set = (change: Partial<ReferralFormInput>) => setInput((i) => ({ ...i, ...change }));

  if (!hasRole(access, ...REFERRER_ROLES)) {
    return <p>Your role does not refer people to services (rule W5: caseworkers, safeguarding leads, investigators).</p>;
  }
  if (!serviceId) {
    return (
      <p>
        Choose a service first: run a <Link to="/care-pathway">care pathway</Link> and use “Refer to this service” on one that can take the
        person now.
      </p>
    );
  }
  const sent = result.data?.referToService;
  if (sent) {
    return (
      <div className="notice" role="status" data-testid="referral-sent">
        <p>
          Referral <strong>{sent.id}</strong> of {sent.subjectId} sent to {sent.service.name} ({organisationName(sent.service.providerOrg)}
          ): {referralStatusText(sent)}. You see its answer under <Link to="/referrals">Your referrals</Link>.
        </p>
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(checked.errors).length > 0 || result.fetching) return;
    await refer({
      input: {
        serviceId,
        subjectId: input.subjectId.trim().toUpperCase(),
        sharedFields: input.sharedFields,
        needs: checked.needs,
        idempotencyKey,
      },
    });
  };
  const subject = input.subjectId.trim().toUpperCase() || 'the person';
  // The hub's CONFLICT here is "no place available": said as such, not as someone else acting first.
  const noPlace = hub.problems.find((p) => p.code === 'CONFLICT');

  return (
    <form className="referral-form" onSubmit={submit} noValidate aria-label="Referral">
      <p>
        The hub holds a place at {serviceName} while its provider decides, and tells the provider only what you choose below — and only what
        the agreement and the person’s recorded consent let it receive (rule 7).
      </p>
      <Field label="Subject reference" hint="For example SUBJ-000001." error={errors.subjectId}>
        {(p) => <input {...p} value={input.subjectId} onChange={(e) => set({ subjectId: e.target.value })} autoComplete="off" />}
      </Field>
      <CheckboxGroup
        legend="What to tell the provider"
        hint="Only what the service needs to take the person on."
        error={errors.sharedFields}
        options={SHAREABLE_FIELDS.map((f) => ({ value: f, label: sharedFieldLabel(f) }))}
        chosen={input.sharedFields}
        onChange={(sharedFields) => set({ sharedFields })}
        name="shared-fields"
      />
      <Field label="Needs (optional)" hint="Separate with commas, for example accommodation, employability." error={errors.needs}>
        {(p) => <textarea {...p} rows={2} value={input.needs} onChange={(e) => set({ needs: e.target.value })} />}
      </Field>
      {noPlace ? (
        <div className="problem" role="alert" data-code="CONFLICT" data-testid="referral-no-place">
          <p className="problem-title">No place is free at {serviceName} now</p>
          <p>{noPlace.message} Nothing was held or shared; run the care pathway again for a service that can take the person.</p>
        </div>
      ) : null}
      <ProblemList
        problems={hub.problems.filter((p) => p.code !== 'CONFLICT')}
        requestId={hub.requestId}
        refusal="The hub refused this referral"
      />
      <button type="submit" className="primary" disabled={result.fetching}>
        Refer {subject} to this service
      </button>
    </form>
  );
}
