import { DEMO_USERS, LAWFUL_BASES, PURPOSES } from '@hub/shared';
import type { Rule } from '../model/agreement';
import { partnerOf } from '../model/organisations';
import { ukToday, type RequestContext, type Requester } from '../model/request';
import { utcToday } from '../model/resolve';
import { recipientsMatch } from '../semantics/rules';
import type { Random } from './prng';

/**
 * Who asks and with which headers. Personas are the demo users (every one, including
 * `police.unapproved` and `hub.auditor`); the variants cover purposes the approval lists and
 * does not, no purpose, with and without a case reference, and no lawful basis, a basis some
 * rule for the persona lists, and one none does.
 */

export interface Persona {
  userId: string;
  requester: Requester;
  approval: RequestContext['approval'];
}

export type PurposeKind = 'approved' | 'not-approved' | 'none';
export type BasisKind = 'none' | 'matching' | 'not-matching';

export interface Variant {
  purpose: PurposeKind;
  caseRef: boolean;
  basis: BasisKind;
  suspended: boolean;
}

export interface CaseHeaders {
  purpose: string | null;
  lawfulBasis: string | null;
  caseRef: string | null;
}

export function personas(): Persona[] {
  return DEMO_USERS.map((u) => ({
    userId: u.id,
    requester: { userId: u.id, org: u.org, partner: partnerOf(u.org), roles: [...u.roles] },
    approval: u.approval
      ? { purposes: [...u.approval.purposes], approvedOn: u.approval.approvedOn, expiresOn: u.approval.expiresOn, revoked: false }
      : null,
  }));
}

/**
 * Every combination of the variant dimensions, so each persona meets each one; the variants in
 * which allow rules can pass (approved purpose, case reference, no basis or a listed one) come
 * more often, because that is where record conditions, shaping and notices are exercised.
 */
export function variants(suspended: boolean): Variant[] {
  const out: Variant[] = [];
  for (const purpose of ['approved', 'not-approved', 'none'] as const)
    for (const caseRef of [true, false])
      for (const basis of ['none', 'matching', 'not-matching'] as const) {
        const weight = purpose === 'approved' && caseRef && basis !== 'not-matching' ? 4 : 1;
        for (let i = 0; i < weight; i++) out.push({ purpose, caseRef, basis, suspended });
      }
  return out;
}

export function headersFor(rnd: Random, persona: Persona, variant: Variant, rules: Rule[]): CaseHeaders {
  const approved = persona.approval?.purposes ?? [];
  const allows = rules.filter((r) => r.effect === 'allow' && recipientsMatch(r.recipients, persona.requester));
  // Mostly a purpose some rule for the persona serves, so that rules get the chance to pass.
  const useful = approved.filter((p) => allows.some((r) => (r.purposes ?? r.agreement.purposes).includes(p)));
  let purpose: string | null = null;
  if (variant.purpose === 'approved') {
    purpose = useful.length && rnd.chance(0.75) ? rnd.pick(useful) : approved.length ? rnd.pick(approved) : rnd.pick(PURPOSES);
  }
  if (variant.purpose === 'not-approved') {
    const others = PURPOSES.filter((p) => !approved.includes(p));
    purpose = rnd.pick(others.length ? others : PURPOSES);
  }
  const listed = [...new Set(allows.flatMap((r) => r.lawfulBases))];
  let lawfulBasis: string | null = null;
  if (variant.basis === 'matching') lawfulBasis = rnd.pick(listed.length ? listed : [...LAWFUL_BASES]);
  if (variant.basis === 'not-matching') {
    const unlisted = LAWFUL_BASES.filter((b) => !listed.includes(b));
    lawfulBasis = rnd.pick(unlisted.length ? unlisted : [...LAWFUL_BASES]);
  }
  const caseRef = variant.caseRef ? rnd.pick(['BCC/MSHT/2026/0042', 'WMP-OP-KESTREL-17', 'case.2026_01']) : null;
  return { purpose, lawfulBasis, caseRef };
}

export function requestContext(persona: Persona, headers: CaseHeaders, suspendedAgreements: string[]): RequestContext {
  return {
    requester: persona.requester,
    approval: persona.approval,
    purpose: headers.purpose,
    lawfulBasis: headers.lawfulBasis,
    caseRef: headers.caseRef,
    suspended: suspendedAgreements,
    today: ukToday(),
    utcToday: utcToday(),
  };
}
