import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useAccess } from '../app/access';
import { lawfulBasisLabel, purposeLabel } from '../api/labels';
import {
  isOversight,
  lawfulBasisOptions,
  purposeOptions,
  validateCheckpoint,
  type CheckpointErrors,
  type CheckpointInput,
} from './checkpoint';
import { setCheckpoint, useCheckpoint } from './checkpoint-store';

/** The form: purpose (only those the approval allows), optional lawful basis, case reference. */
export function PurposeCheckpoint({ scope, onDone, intro }: { scope: 'case' | 'any'; onDone?: () => void; intro?: ReactNode }) {
  const access = useAccess();
  const { checkpoint } = useCheckpoint();
  const purposes = purposeOptions(access, scope);
  const [input, setInput] = useState<CheckpointInput>({
    purpose: checkpoint && purposes.includes(checkpoint.purpose) ? checkpoint.purpose : '',
    lawfulBasis: checkpoint?.lawfulBasis ?? '',
    caseRef: checkpoint?.caseRef ?? '',
  });
  const [errors, setErrors] = useState<CheckpointErrors>({});
  const id = useId();
  const bases = lawfulBasisOptions(access, input.purpose);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateCheckpoint(input, access, scope);
    setErrors(result.errors);
    if (result.checkpoint) {
      setCheckpoint(result.checkpoint);
      onDone?.();
    }
  };

  if (purposes.length === 0) {
    return (
      <section className="checkpoint" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>No purpose available</h2>
        <p>
          {access.approved
            ? 'Your approval lists no purpose for case work, so this page cannot show personal data to you.'
            : 'You have no approval in the hub’s registry yet: your nominated representative approves users and their purposes (ISA 6.4).'}
        </p>
      </section>
    );
  }

  return (
    <form className="checkpoint" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Why are you looking?</h2>
      {intro ?? (
        <p>
          Personal data is shared for a purpose your approval allows (ISA 4.3). What you choose is sent with every request and recorded with
          every disclosure.
        </p>
      )}
      <div className={`field ${errors.purpose ? 'field-error' : ''}`}>
        <label htmlFor={`${id}-purpose`}>Purpose</label>
        {errors.purpose ? (
          <p className="error-message" id={`${id}-purpose-error`}>
            {errors.purpose}
          </p>
        ) : null}
        <select
          id={`${id}-purpose`}
          value={input.purpose}
          aria-invalid={errors.purpose ? true : undefined}
          aria-describedby={errors.purpose ? `${id}-purpose-error` : undefined}
          onChange={(e) => setInput({ ...input, purpose: e.target.value, lawfulBasis: '' })}
        >
          <option value="">Choose a purpose</option>
          {purposes.map((p) => (
            <option key={p} value={p}>
              {purposeLabel(p)}
            </option>
          ))}
        </select>
      </div>
      <div className={`field ${errors.lawfulBasis ? 'field-error' : ''}`}>
        <label htmlFor={`${id}-basis`}>Lawful basis (optional)</label>
        <p className="hint" id={`${id}-basis-hint`}>
          When you name one, only rules resting on it apply.
        </p>
        {errors.lawfulBasis ? (
          <p className="error-message" id={`${id}-basis-error`}>
            {errors.lawfulBasis}
          </p>
        ) : null}
        <select
          id={`${id}-basis`}
          value={input.lawfulBasis}
          aria-describedby={`${id}-basis-hint${errors.lawfulBasis ? ` ${id}-basis-error` : ''}`}
          aria-invalid={errors.lawfulBasis ? true : undefined}
          onChange={(e) => setInput({ ...input, lawfulBasis: e.target.value })}
          disabled={!input.purpose}
        >
          <option value="">Any the rules allow</option>
          {bases.map((b) => (
            <option key={b} value={b}>
              {lawfulBasisLabel(b)}
            </option>
          ))}
        </select>
      </div>
      <div className={`field ${errors.caseRef ? 'field-error' : ''}`}>
        <label htmlFor={`${id}-case`}>Case reference{isOversight(input.purpose) ? ' (optional)' : ''}</label>
        <p className="hint" id={`${id}-case-hint`}>
          The case or information-request reference, for example BCC/MSHT/2026/0042.
        </p>
        {errors.caseRef ? (
          <p className="error-message" id={`${id}-case-error`}>
            {errors.caseRef}
          </p>
        ) : null}
        <input
          id={`${id}-case`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={input.caseRef}
          aria-describedby={`${id}-case-hint${errors.caseRef ? ` ${id}-case-error` : ''}`}
          aria-invalid={errors.caseRef ? true : undefined}
          onChange={(e) => setInput({ ...input, caseRef: e.target.value })}
        />
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          Continue
        </button>
        {onDone && checkpoint ? (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The purpose, basis and case in force, on every page, with a way to change them. */
export function PurposeBar() {
  const { checkpoint } = useCheckpoint();
  const [open, setOpen] = useState(false);
  return (
    <section className="purpose-bar" aria-label="Purpose in force">
      <div className="purpose-bar-inner">
        {checkpoint ? (
          <p data-testid="purpose-bar">
            <span className="label">Purpose</span> <strong>{purposeLabel(checkpoint.purpose)}</strong>
            <span className="sep" aria-hidden="true">
              ·
            </span>
            <span className="label">Lawful basis</span> {lawfulBasisLabel(checkpoint.lawfulBasis)}
            <span className="sep" aria-hidden="true">
              ·
            </span>
            <span className="label">Case</span> {checkpoint.caseRef ?? 'none'}
          </p>
        ) : (
          <p data-testid="purpose-bar">No purpose chosen: pages with personal data will ask for one.</p>
        )}
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {checkpoint ? 'Change purpose' : 'Choose purpose'}
        </button>
      </div>
      {open ? <PurposeCheckpoint scope="any" onDone={() => setOpen(false)} /> : null}
    </section>
  );
}

/**
 * Shows its page only once a suitable purpose is in force: for personal data a case purpose,
 * for statistics or the log the purpose those are read for.
 */
export function RequireCheckpoint({ purpose, children }: { purpose?: 'STATISTICS' | 'AUDIT'; children: ReactNode }) {
  const access = useAccess();
  const { checkpoint, version } = useCheckpoint();
  if (!purpose) {
    if (checkpoint && !isOversight(checkpoint.purpose)) return <div key={version}>{children}</div>;
    return <PurposeCheckpoint scope="case" />;
  }
  if (checkpoint?.purpose === purpose) return <div key={version}>{children}</div>;
  const approved = access.approvedPurposes.includes(purpose);
  return (
    <section className="checkpoint">
      <h2>This page is read for the purpose {purposeLabel(purpose)}</h2>
      {approved ? (
        <>
          <p>
            {purpose === 'STATISTICS'
              ? 'Counts under disclosure control are shared for statistics only (rule 9); no case reference is needed.'
              : 'The disclosure log is read for audit only (ISA 13.1, rule 11). Your reads are recorded too.'}
          </p>
          <button type="button" className="primary" onClick={() => setCheckpoint({ purpose, lawfulBasis: null, caseRef: null })}>
            Use purpose: {purposeLabel(purpose)}
          </button>
        </>
      ) : (
        <p>Your approval does not include the purpose {purposeLabel(purpose)}, so this page has nothing for you.</p>
      )}
    </section>
  );
}
