import { ukDateTime } from '../../format/dates';

/**
 * Referrals (rules W5 and W6) as the console puts them: who may refer and answer, what may be
 * shared, the form's checks (the hub's own, said before sending) and each status in words.
 */

/** Rule W5: who may refer a subject to a service. */
export const REFERRER_ROLES: readonly string[] = ['CASEWORKER', 'SAFEGUARDING_LEAD', 'INVESTIGATOR'];
/** Rule W6: the provider's staff who answer referrals and keep its places true. */
export const PROVIDER_ROLES: readonly string[] = ['CASEWORKER', 'SAFEGUARDING_LEAD'];

/** The names the API accepts for what the provider is told (ReferralInput.sharedFields). */
export const SHAREABLE_FIELDS = ['name', 'ageBand', 'dateOfBirth', 'nationality', 'nrmStage', 'support'] as const;
export const SHARED_FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  ageBand: 'Age band',
  dateOfBirth: 'Date of birth',
  nationality: 'Nationality',
  nrmStage: 'NRM stage',
  support: 'Support received',
};

export function sharedFieldLabel(field: string): string {
  return SHARED_FIELD_LABELS[field] ?? field;
}

export interface ReferralStatusLike {
  status: string;
  holdExpiresAt?: string | null;
  decidedReason?: string | null;
}

/** A referral's status in words, with until when a place is held or why it was declined. */
export function referralStatusText(r: ReferralStatusLike): string {
  switch (r.status) {
    case 'PENDING':
      return r.holdExpiresAt ? `Pending — place held until ${ukDateTime(r.holdExpiresAt)}` : 'Pending — place held';
    case 'ACCEPTED':
      return 'Accepted — the place is taken';
    case 'DECLINED':
      return r.decidedReason ? `Declined: ${r.decidedReason}` : 'Declined';
    case 'EXPIRED':
      return 'Expired — not answered in time; the place is released';
    default:
      return r.status;
  }
}

/** A shared value as the hub snapshotted it (JSON) in words: strings bare, lists joined, null as not recorded. */
export function sharedValueText(value: string | null | undefined): string {
  if (value === null || value === undefined) return 'Not recorded';
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed === null) return 'Not recorded';
    if (typeof parsed === 'string' || typeof parsed === 'number' || typeof parsed === 'boolean') return String(parsed);
    if (Array.isArray(parsed)) return parsed.map(itemText).join('; ');
    return itemText(parsed);
  } catch {
    return value;
  }
}

/** One item of a shared value: a name as its full name and kind (`Tomasz Nowak (birth)`), anything else its values. */
function itemText(item: unknown): string {
  if (item === null || item === undefined) return 'Not recorded';
  if (typeof item !== 'object') return String(item as string | number | boolean);
  const record = item as Record<string, unknown>;
  if (typeof record.fullName === 'string')
    return typeof record.kind === 'string' ? `${record.fullName} (${record.kind.toLowerCase()})` : record.fullName;
  return Object.entries(record)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean)}`)
    .join(', ');
}

export interface ReferralFormInput {
  subjectId: string;
  sharedFields: string[];
  needs: string;
}
export type ReferralFormErrors = Partial<Record<keyof ReferralFormInput, string>>;

export const SUBJECT_PATTERN = /^SUBJ-\d{6}$/;

/** What is wrong with the form, in words, and the needs as a list (comma or line separated). */
export function validateReferral(input: ReferralFormInput): { errors: ReferralFormErrors; needs: string[] } {
  const errors: ReferralFormErrors = {};
  const subject = input.subjectId.trim().toUpperCase();
  if (!subject) errors.subjectId = 'Give the subject reference, for example SUBJ-000001.';
  else if (!SUBJECT_PATTERN.test(subject)) errors.subjectId = 'A subject reference is SUBJ- and six digits, for example SUBJ-000001.';
  if (input.sharedFields.length === 0) errors.sharedFields = 'Choose at least one thing to tell the provider.';
  else if (input.sharedFields.some((f) => !(SHAREABLE_FIELDS as readonly string[]).includes(f)))
    errors.sharedFields = 'Choose only from the listed fields.';
  const needs = input.needs
    .split(/[,;\n]+/)
    .map((n) => n.trim())
    .filter(Boolean);
  if (needs.some((n) => n.length > 200)) errors.needs = 'Keep each need under 200 characters.';
  return { errors, needs };
}

export interface DecisionInput {
  outcome: '' | 'ACCEPT' | 'DECLINE';
  reason: string;
}

export function validateReferralDecision(input: DecisionInput): Partial<Record<keyof DecisionInput, string>> {
  if (!input.outcome) return { outcome: 'Choose accept or decline.' };
  if (input.outcome === 'DECLINE' && !input.reason.trim()) return { reason: 'Say why the referral is declined: the referrer sees it.' };
  return {};
}

export interface PlacesInput {
  total: string;
  available: string;
}

/** The places form: whole numbers, available no more than total. */
export function validatePlaces(input: PlacesInput): {
  errors: Partial<Record<keyof PlacesInput, string>>;
  total: number;
  available: number;
} {
  const errors: Partial<Record<keyof PlacesInput, string>> = {};
  const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);
  const total = whole(input.total);
  const available = whole(input.available);
  if (!Number.isInteger(total) || total > 10000) errors.total = 'Give the number of places as a whole number, 0 or more.';
  if (!Number.isInteger(available)) errors.available = 'Give the places free as a whole number, 0 or more.';
  else if (Number.isInteger(total) && available > total) errors.available = 'Places free cannot be more than the places there are.';
  return { errors, total, available };
}

/** The referral form's path from the care pathway: the service chosen, the subject to fill in. */
export function referPath(serviceId: string, serviceName: string): string {
  return `/referrals/new?${new URLSearchParams({ service: serviceId, name: serviceName }).toString()}`;
}
