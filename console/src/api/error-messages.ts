import type { ApiProblem } from './hub-result';
import { partnerName } from './labels';

export interface ProblemMessage {
  title: string;
  detail: string;
  /** What the user can do about it. */
  action: 'sign-in' | 'retry' | 'change-purpose' | 'none';
}

/** A clear message for every error code the hub answers with (README: request limits, log, policy). */
export function problemMessage(problem: Pick<ApiProblem, 'code' | 'message' | 'subgraph'>): ProblemMessage {
  switch (problem.code) {
    case 'UNAUTHENTICATED':
      return { title: 'The hub did not accept your sign-in', detail: signInRefusal(problem.message), action: 'sign-in' };
    case 'FORBIDDEN':
      return {
        title: 'The agreement does not let you see this',
        detail: problem.message.replace(/^Withheld: /, ''),
        action: 'change-purpose',
      };
    case 'AUDIT_UNAVAILABLE':
      return {
        title: 'The disclosure log cannot record this right now',
        detail: 'Nothing personal was sent, because every disclosure is recorded before it leaves the hub. Try again shortly.',
        action: 'retry',
      };
    case 'SERVICE_UNAVAILABLE':
      return {
        title: 'The hub cannot check approvals right now',
        detail: 'No data was disclosed. Try again shortly.',
        action: 'retry',
      };
    case 'SUBGRAPH_UNAVAILABLE':
      return {
        title: `${partnerName(problem.subgraph)} is not answering`,
        detail: `Its part of this answer is missing; what the other partners hold is shown. Try again shortly.`,
        action: 'retry',
      };
    case 'BAD_USER_INPUT':
    case 'BAD_REQUEST':
      return { title: 'The hub could not accept that', detail: sentence(problem.message), action: 'none' };
    case 'CONFLICT':
      return {
        title: 'Someone else acted on this first',
        detail: `${sentence(problem.message)} What is shown now is how it stands.`,
        action: 'none',
      };
    case 'GRAPHQL_VALIDATION_FAILED':
    case 'GRAPHQL_PARSE_FAILED':
      return {
        title: 'The hub refused the console’s question',
        detail: `${problem.message} This is a fault in the console: please report it.`,
        action: 'none',
      };
    case 'NETWORK':
      return {
        title: 'The hub could not be reached',
        detail: 'Check your connection and try again.',
        action: 'retry',
      };
    default:
      return {
        title: 'Something went wrong at the hub',
        detail: 'The hub could not answer. Try again; if it keeps happening, tell your service desk the request and incident ids shown.',
        action: 'retry',
      };
  }
}

/**
 * Why the hub refused a token (`UNAUTHENTICATED`), in words the user can act on, with the hub's
 * own message: it names what to fix (an expired token, a claim the registry disagrees with) and
 * never which keys or issuers the hub holds.
 */
export function signInRefusal(message: string): string {
  const hub = sentence(message);
  if (/disagrees with the hub's registry/.test(message)) {
    return (
      `${hub} The hub's registry of approved users records a different organisation or roles for you than your identity provider ` +
      'sent. Ask your organisation’s representative to check your approval, or your identity provider’s administrator to check your account.'
    );
  }
  if (/registry has no roles/.test(message)) return hub;
  if (/expired/.test(message)) return `${hub} Sign in again.`;
  if (/missing Authorization/.test(message)) return 'Your sign-in has ended. Sign in again.';
  return `${hub} Sign in again; if it keeps happening, tell your service desk.`;
}

/** The hub's message as a sentence: `token has expired` → `Token has expired.` */
function sentence(message: string): string {
  const text = message.trim();
  if (!text) return '';
  const capital = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
