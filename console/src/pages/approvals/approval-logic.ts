import { PURPOSE_LABELS } from '../../api/labels';
import { addMonthsIso, parseUkDate, ukDate } from '../../format/dates';

/**
 * User approvals (ISA 6.4, 9.4) as the console puts them: which roles a representative may
 * give, the form's checks (the hub's own, said before sending), and an approval's status in words.
 */

export const MAX_APPROVAL_MONTHS = 12;

/**
 * Roles nominated by the organisation or the audit panel, not given by approval: the hub refuses
 * to give, change or revoke them (gateway approvals.resolvers.ts, NOT_BY_APPROVAL).
 */
export const NOMINATED_ROLES: readonly string[] = ['REPRESENTATIVE', 'AUDITOR'];

/** Roles a representative gives by approval: every other (NOMINATED_ROLES). */
export const APPROVABLE_ROLES = [
  'ANALYST',
  'INVESTIGATOR',
  'SAFEGUARDING_LEAD',
  'HOUSING_OFFICER',
  'CASEWORKER',
  'DATA_PROTECTION_OFFICER',
  'DISCLOSURE_OFFICER',
] as const;

export const ROLE_LABELS: Record<string, string> = {
  ANALYST: 'Analyst',
  INVESTIGATOR: 'Investigator',
  SAFEGUARDING_LEAD: 'Safeguarding lead',
  HOUSING_OFFICER: 'Housing officer',
  CASEWORKER: 'Caseworker',
  AUDITOR: 'Auditor',
  DATA_PROTECTION_OFFICER: 'Data protection officer',
  REPRESENTATIVE: 'Nominated representative',
  DISCLOSURE_OFFICER: 'Disclosure officer',
};

export const APPROVABLE_PURPOSES = Object.keys(PURPOSE_LABELS);

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

export interface ApprovalFormInput {
  userId: string;
  name: string;
  roles: string[];
  purposes: string[];
  /** dd/mm/yyyy */
  expiresOn: string;
}

export type ApprovalFormErrors = Partial<Record<keyof ApprovalFormInput, string>>;

/** The latest end an approval may have today: 12 months ahead. */
export function latestExpiry(todayIso: string): string {
  return addMonthsIso(todayIso, MAX_APPROVAL_MONTHS);
}

export function validateApproval(input: ApprovalFormInput, todayIso: string): { errors: ApprovalFormErrors; expiresOn: string | null } {
  const errors: ApprovalFormErrors = {};
  if (!/^[\w.@-]{2,128}$/.test(input.userId.trim())) errors.userId = 'Give the user id: 2 to 128 letters, digits or . _ @ -.';
  if (input.roles.length === 0) errors.roles = 'Choose at least one role.';
  if (input.purposes.length === 0) errors.purposes = 'Choose at least one purpose the user needs.';
  const expiresOn = parseUkDate(input.expiresOn);
  if (!expiresOn) errors.expiresOn = 'Give the date the approval ends as dd/mm/yyyy.';
  else if (expiresOn <= todayIso || expiresOn > latestExpiry(todayIso))
    errors.expiresOn = `An approval ends after today and at most ${MAX_APPROVAL_MONTHS} months ahead (by ${ukDate(latestExpiry(todayIso))}).`;
  return { errors, expiresOn: errors.expiresOn ? null : expiresOn };
}

export function validateRevocation(reason: string): string | null {
  return reason.trim().length < 5 ? 'Say why the approval is revoked (5 characters or more).' : null;
}

export interface ApprovalLike {
  status: string;
  expiresOn: string;
  approvedOn: string;
  revokedBy?: string | null;
  revokeReason?: string | null;
}

export function approvalStatusText(a: ApprovalLike): string {
  switch (a.status) {
    case 'ACTIVE':
      return `Approved until ${ukDate(a.expiresOn)}`;
    case 'EXPIRED':
      return `Expired on ${ukDate(a.expiresOn)}`;
    case 'NOT_YET_STARTED':
      return `Starts on ${ukDate(a.approvedOn)}`;
    case 'REVOKED':
      return `Revoked${a.revokedBy ? ` by ${a.revokedBy}` : ''}: ${a.revokeReason ?? 'no reason recorded'}`;
    default:
      return a.status;
  }
}
