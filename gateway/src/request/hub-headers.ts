import { isLawfulBasis, isPurpose, LAWFUL_BASES, PURPOSES, type LawfulBasis, type Purpose } from '@hub/shared';
import { type GraphQLError } from 'graphql';
import { BadRequestError } from '@hub/shared';

export interface HubHeaders {
  purpose: Purpose | null;
  lawfulBasis: LawfulBasis | null;
  caseRef: string | null;
}

/** A case or information-request reference: letters, digits and / - . _, 3 to 64 characters. */
export const CASE_REF = /^[A-Za-z0-9][A-Za-z0-9/._-]{2,63}$/;

/**
 * Reads `X-Hub-Purpose`, `X-Hub-Lawful-Basis` and `X-Hub-Case-Ref`. An unknown value is a clear
 * error, never silently ignored: a typo in a purpose must not turn into "no purpose" or worse.
 */
export function parseHubHeaders(get: (name: string) => string | undefined): HubHeaders {
  const purpose = get('x-hub-purpose')?.trim() || null;
  const lawfulBasis = get('x-hub-lawful-basis')?.trim() || null;
  const caseRef = get('x-hub-case-ref')?.trim() || null;
  if (purpose !== null && !isPurpose(purpose)) {
    throw badHeader(`X-Hub-Purpose "${purpose.slice(0, 40)}" is not a purpose of the agreement; use one of ${PURPOSES.join(', ')}`);
  }
  if (lawfulBasis !== null && !isLawfulBasis(lawfulBasis)) {
    throw badHeader(`X-Hub-Lawful-Basis "${lawfulBasis.slice(0, 40)}" is not a lawful basis; use one of ${LAWFUL_BASES.join(', ')}`);
  }
  if (caseRef !== null && !CASE_REF.test(caseRef)) {
    throw badHeader('X-Hub-Case-Ref must be 3 to 64 letters, digits or / . _ - (a case or information-request reference)');
  }
  return { purpose, lawfulBasis, caseRef };
}

function badHeader(message: string): GraphQLError {
  return new BadRequestError(message);
}
