import { LAWFUL_BASIS_LABELS, PURPOSE_LABELS } from '../api/labels';

/**
 * The purpose checkpoint: before a page shows personal data the user says why they are looking
 * (ISA 4.3), optionally under which lawful basis, and for which case. It becomes the request
 * headers X-Hub-Purpose, X-Hub-Lawful-Basis and X-Hub-Case-Ref of every request.
 */
export interface Checkpoint {
  purpose: string;
  lawfulBasis: string | null;
  caseRef: string | null;
}

/** What the checkpoint needs from myAccess. */
export interface AccessForCheckpoint {
  approved: boolean;
  approvedPurposes: readonly string[];
  grants: readonly { purposes: readonly string[]; lawfulBases: readonly string[] }[];
}

/** Purposes for oversight, not case work: no case reference, and no personal data pages. */
export const OVERSIGHT_PURPOSES = ['STATISTICS', 'AUDIT'] as const;

/** The gateway's rule for a case or information-request reference (gateway/src/request/hub-headers.ts). */
export const CASE_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9/._-]{2,63}$/;

export function isOversight(purpose: string | null | undefined): boolean {
  return purpose !== null && purpose !== undefined && (OVERSIGHT_PURPOSES as readonly string[]).includes(purpose);
}

/** Only the purposes the user's approval lists, in the agreement's order; for case pages, only case purposes. */
export function purposeOptions(access: AccessForCheckpoint, scope: 'case' | 'any' = 'any'): string[] {
  if (!access.approved) return [];
  return Object.keys(PURPOSE_LABELS).filter((p) => access.approvedPurposes.includes(p) && (scope === 'any' || !isOversight(p)));
}

/** Lawful bases that some rule shared with the user for this purpose rests on. */
export function lawfulBasisOptions(access: AccessForCheckpoint, purpose: string | null): string[] {
  if (!purpose) return [];
  const bases = new Set(access.grants.filter((g) => g.purposes.includes(purpose)).flatMap((g) => g.lawfulBases));
  return Object.keys(LAWFUL_BASIS_LABELS).filter((b) => bases.has(b));
}

export interface CheckpointInput {
  purpose: string;
  lawfulBasis: string;
  caseRef: string;
}

export type CheckpointErrors = Partial<Record<keyof CheckpointInput, string>>;

export function validateCheckpoint(
  input: CheckpointInput,
  access: AccessForCheckpoint,
  scope: 'case' | 'any' = 'any',
): { checkpoint: Checkpoint | null; errors: CheckpointErrors } {
  const errors: CheckpointErrors = {};
  const purposes = purposeOptions(access, scope);
  if (!input.purpose) errors.purpose = 'Choose the purpose you are looking for.';
  else if (!purposes.includes(input.purpose)) errors.purpose = 'Your approval does not list that purpose here.';
  const basis = input.lawfulBasis || null;
  if (basis && !lawfulBasisOptions(access, input.purpose).includes(basis)) {
    errors.lawfulBasis = 'No rule shared with you for this purpose rests on that basis.';
  }
  const caseRef = input.caseRef.trim() || null;
  if (!caseRef && input.purpose && !isOversight(input.purpose)) {
    errors.caseRef = 'Give the case or information-request reference this work is for.';
  } else if (caseRef && !CASE_REF_PATTERN.test(caseRef)) {
    errors.caseRef = 'Use 3 to 64 letters, digits or / . _ - (for example BCC/MSHT/2026/0042).';
  }
  if (Object.keys(errors).length > 0) return { checkpoint: null, errors };
  return { checkpoint: { purpose: input.purpose, lawfulBasis: basis, caseRef }, errors };
}

/** The request headers for a checkpoint. */
export function checkpointHeaders(checkpoint: Checkpoint | null): Record<string, string> {
  if (!checkpoint) return {};
  return {
    'x-hub-purpose': checkpoint.purpose,
    ...(checkpoint.lawfulBasis ? { 'x-hub-lawful-basis': checkpoint.lawfulBasis } : {}),
    ...(checkpoint.caseRef ? { 'x-hub-case-ref': checkpoint.caseRef } : {}),
  };
}
