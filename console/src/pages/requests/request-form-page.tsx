import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { RequestInformationDocument, type LawfulBasis, type Purpose } from '../../gql/graphql';
import { readHubResult } from '../../api/hub-result';
import { LAWFUL_BASIS_LABELS, PARTNERS, purposeLabel, type PartnerKey } from '../../api/labels';
import { useSignOutWhenRefused } from '../../api/use-hub-query';
import { hasRole, useAccess } from '../../app/access';
import { Link, useLocation } from '../../app/router';
import { useCheckpoint } from '../../checkpoint/checkpoint-store';
import { RequireCheckpoint } from '../../checkpoint/purpose-checkpoint';
import { CheckboxGroup, Field } from '../../components/form-field';
import { ProblemList } from '../../components/status';
import {
  askableFields,
  coordinateLabel,
  REQUESTER_ROLES,
  validateRequestForm,
  type RequestFormErrors,
  type RequestFormInput,
} from './request-logic';

/** The Modern Slavery Personal Data Request (ISA 2.5, Appendix 2), prefilled from "Ask <owner> for this". */
export function RequestFormPage() {
  return (
    <>
      <h1>Ask a partner for information</h1>
      <p className="back">
        <Link to="/requests">Your requests</Link>
      </p>
      <RequireCheckpoint>
        <RequestForm />
      </RequireCheckpoint>
    </>
  );
}

function RequestForm() {
  const access = useAccess();
  const { checkpoint } = useCheckpoint();
  const { query } = useLocation();
  const offered = askableFields((query.get('fields') ?? '').split(',').filter(Boolean));
  const [input, setInput] = useState<RequestFormInput>(() => ({
    subjectId: query.get('subject') ?? '',
    owner: query.get('owner') ?? '',
    fields: offered,
    lawfulBasis: checkpoint?.lawfulBasis ?? '',
    caseRef: checkpoint?.caseRef ?? '',
    reason: '',
    tippingOffRisk: false,
    tippingOffReason: '',
    declarationAccepted: false,
    declarationName: '',
    declarationRole: '',
  }));
  // After the first try, errors follow the form as it is corrected.
  const [tried, setTried] = useState(false);
  const errors: RequestFormErrors = tried ? validateRequestForm(input) : {};
  const [result, send] = useMutation(RequestInformationDocument);
  const hub = readHubResult(result);
  useSignOutWhenRefused(hub);
  const set = (change: Partial<RequestFormInput>) => setInput((i) => ({ ...i, ...change }));

  if (!hasRole(access, ...REQUESTER_ROLES)) {
    return (
      <p>
        Your role does not make information requests (rule W1: analysts, investigators, safeguarding leads, housing officers, caseworkers).
      </p>
    );
  }
  const sent = result.data?.requestInformation;
  if (sent) {
    return (
      <div className="notice" role="status" data-testid="request-sent">
        <p>
          Request <strong>{sent.id}</strong> sent to {sent.parts.map((p) => PARTNERS[p.owner as PartnerKey]?.name ?? p.owner).join(', ')}.
          Their disclosure officer answers it; you see the answer under <Link to="/requests">Your requests</Link>.
        </p>
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateRequestForm(input);
    setTried(true);
    if (Object.keys(found).length > 0 || !checkpoint) return;
    await send({
      input: {
        subjectId: input.subjectId.trim(),
        owners: [input.owner],
        fields: input.fields,
        purpose: checkpoint.purpose as Purpose,
        lawfulBasis: input.lawfulBasis as LawfulBasis,
        caseRef: input.caseRef.trim(),
        reason: input.reason.trim(),
        declaration: { accepted: input.declarationAccepted, name: input.declarationName.trim(), role: input.declarationRole.trim() },
        tippingOffRisk: input.tippingOffRisk,
        tippingOffReason: input.tippingOffRisk ? input.tippingOffReason.trim() : null,
      },
    });
  };

  const fieldOptions = [...new Set([...offered, ...input.fields])].map((c) => ({
    value: c,
    label: (
      <>
        {coordinateLabel(c)} <code className="coordinate">{c}</code>
      </>
    ),
  }));
  const errorCount = Object.keys(errors).length;

  return (
    <form className="card request-form" onSubmit={submit} noValidate aria-label="Information request">
      <p>
        Purpose: <strong>{purposeLabel(checkpoint?.purpose)}</strong>, from your checkpoint (change it in the bar above). The owner’s
        disclosure officer sees everything on this form, and the hub records it.
      </p>
      {errorCount > 0 ? (
        <p className="error-message" role="alert">
          {errorCount === 1 ? 'One part of the form needs attention.' : `${errorCount} parts of the form need attention.`}
        </p>
      ) : null}
      <div className="form-grid">
        <Field label="Subject reference" error={errors.subjectId}>
          {(p) => <input {...p} type="text" value={input.subjectId} onChange={(e) => set({ subjectId: e.target.value })} />}
        </Field>
        <Field label="Partner asked" error={errors.owner}>
          {(p) => (
            <select {...p} value={input.owner} onChange={(e) => set({ owner: e.target.value })}>
              <option value="">Choose a partner</option>
              {Object.entries(PARTNERS).map(([key, partner]) => (
                <option key={key} value={key}>
                  {partner.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {fieldOptions.length > 0 ? (
        <CheckboxGroup
          legend="What you ask for"
          hint="The withheld parts of the record; ask only for what the purpose needs."
          error={errors.fields}
          options={fieldOptions}
          chosen={input.fields}
          onChange={(fields) => set({ fields })}
          name="fields"
        />
      ) : (
        <p className="error-message">No field was named: open the subject and use “Ask … for this” on a withheld part.</p>
      )}
      <div className="form-grid">
        <Field label="Lawful basis" error={errors.lawfulBasis}>
          {(p) => (
            <select {...p} value={input.lawfulBasis} onChange={(e) => set({ lawfulBasis: e.target.value })}>
              <option value="">Choose a lawful basis</option>
              {Object.entries(LAWFUL_BASIS_LABELS).map(([key, label]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Case reference" hint="The case this request is for, for example WMP/OP-KESTREL/2026/17." error={errors.caseRef}>
          {(p) => (
            <input
              {...p}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={input.caseRef}
              onChange={(e) => set({ caseRef: e.target.value })}
            />
          )}
        </Field>
      </div>
      <Field
        label="Why the information is needed"
        hint="20 to 2,000 characters: what it is for, and why less would not do."
        error={errors.reason}
      >
        {(p) => <textarea {...p} rows={4} value={input.reason} onChange={(e) => set({ reason: e.target.value })} />}
      </Field>
      <fieldset>
        <legend>Tipping off</legend>
        <label className="checkbox">
          <input type="checkbox" checked={input.tippingOffRisk} onChange={(e) => set({ tippingOffRisk: e.target.checked })} />
          The subject must not learn of this request (DPA 2018 Sch 2 para 2)
        </label>
        {input.tippingOffRisk ? (
          <Field
            label="Why telling the subject would prejudice the purpose"
            hint="Kept for auditors; subject access answers list the request as exempt."
            error={errors.tippingOffReason}
          >
            {(p) => <textarea {...p} rows={2} value={input.tippingOffReason} onChange={(e) => set({ tippingOffReason: e.target.value })} />}
          </Field>
        ) : null}
      </fieldset>
      <fieldset className={errors.declarationAccepted ? 'field-error' : ''}>
        <legend>Declaration (Appendix 2)</legend>
        {errors.declarationAccepted ? <p className="error-message">{errors.declarationAccepted}</p> : null}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={input.declarationAccepted}
            onChange={(e) => set({ declarationAccepted: e.target.checked })}
            aria-invalid={errors.declarationAccepted ? true : undefined}
          />
          I declare that this request is necessary and proportionate for the purpose stated, and that the information will be used only for
          it
        </label>
        <div className="form-grid">
          <Field label="Your name" error={errors.declarationName}>
            {(p) => (
              <input
                {...p}
                type="text"
                autoComplete="name"
                value={input.declarationName}
                onChange={(e) => set({ declarationName: e.target.value })}
              />
            )}
          </Field>
          <Field label="Your role" error={errors.declarationRole}>
            {(p) => (
              <input
                {...p}
                type="text"
                autoComplete="organization-title"
                value={input.declarationRole}
                onChange={(e) => set({ declarationRole: e.target.value })}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <ProblemList problems={hub.problems} requestId={hub.requestId} refusal="The hub refused this request" />
      <div className="actions">
        <button type="submit" className="primary" disabled={result.fetching}>
          Send the request
        </button>
      </div>
    </form>
  );
}
