import { useEffect, useRef, type ReactNode } from 'react';
import { problemMessage } from '../api/error-messages';
import type { ApiProblem } from '../api/hub-result';

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

/** Every problem of an answer, each with a clear message and what to do (src/api/error-messages.ts). */
export function ProblemList({
  problems,
  requestId,
  onRetry,
  refusal,
  children,
}: {
  problems: readonly ApiProblem[];
  requestId?: string | null;
  onRetry?: () => void;
  /** The title of a FORBIDDEN answer to an action (a mutation): the hub refused it, nothing was withheld. */
  refusal?: string;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const count = problems.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count]);
  if (count === 0) return null;
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.code === p.code && q.message === p.message) === i);
  return (
    <div className="problems" role="alert" tabIndex={-1} ref={ref}>
      {unique.map((problem, i) => {
        const base = problemMessage(problem);
        const message = refusal && problem.code === 'FORBIDDEN' ? { ...base, title: refusal } : base;
        return (
          <div className={`problem problem-${problem.code.toLowerCase()}`} key={i} data-code={problem.code}>
            <h2 className="problem-title">{message.title}</h2>
            <p>{message.detail}</p>
            {problem.rule ? (
              <p>
                Rule: <code>{problem.rule}</code>
              </p>
            ) : null}
            <p className="problem-code">
              Code <code>{problem.code}</code>
              {requestId ? (
                <>
                  {' '}
                  · request <code>{requestId}</code>
                </>
              ) : null}
              {problem.incident ? (
                <>
                  {' '}
                  · incident <code>{problem.incident}</code>
                </>
              ) : null}
            </p>
            {message.action === 'retry' && onRetry ? (
              <button type="button" onClick={onRetry}>
                Try again
              </button>
            ) : null}
          </div>
        );
      })}
      {children}
    </div>
  );
}
