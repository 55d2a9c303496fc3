import type { Agreement } from './agreement';

/**
 * The facts a request is decided on (docs/policy.md §1), none of which is record data.
 */
export interface Requester {
  userId: string;
  org: string;
  /** police, local-authority, nhs, ngo; null for the joint audit panel. */
  partner: string | null;
  roles: string[];
}

export interface Approval {
  purposes: string[];
  /** ISO days, inclusive. */
  approvedOn: string;
  expiresOn: string;
  revoked: boolean;
}

export interface RequestContext {
  requester: Requester;
  approval: Approval | null;
  purpose: string | null;
  lawfulBasis: string | null;
  caseRef: string | null;
  /** Agreement ids suspended under ISA 13.2 at the time of the request. */
  suspended: string[];
  /** The UK calendar day of the request: approvals and agreement dates are read against it. */
  today: string;
  /** The UTC day the subgraphs compute ages on (`isChild`). */
  utcToday: string;
}

/** Valid: not revoked, started, not expired (§1). */
export function approvalValid(request: RequestContext): boolean {
  const a = request.approval;
  return !!a && !a.revoked && a.approvedOn <= request.today && request.today <= a.expiresOn;
}

/** In force: active, effective, not past review-by, not suspended (§1). Anything else is not in force. */
export function inForce(agreement: Agreement, request: RequestContext): boolean {
  return (
    agreement.status === 'ACTIVE' &&
    agreement.effectiveFrom !== '' &&
    agreement.effectiveFrom <= request.today &&
    agreement.reviewBy !== '' &&
    request.today <= agreement.reviewBy &&
    !request.suspended.includes(agreement.id)
  );
}

const UK_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in the UK, where the hub's dates are kept. */
export function ukToday(now: Date = new Date()): string {
  return UK_DAY.format(now);
}
