import { LAWFUL_BASES, PURPOSES } from '@hub/shared';
import type { Oracle } from '../oracle';
import type { GeneratedOperation, References } from './generate-operation';
import type { CaseHeaders, Persona, Variant } from './personas';
import type { Random } from './prng';
import { targetedOperation, targetsOf } from './targeted-operation';

/**
 * Cases aimed at a disclosure on request (harness/disclosures.ts): its requester asks for the
 * fields it names, mostly about its subject, mostly under its purpose and case (given as the case
 * reference or as the request's id), with or without its basis; otherwise under a near miss — another
 * purpose, case or basis, for which the disclosure must be as if it were not there. Random cases
 * rarely meet all of these at once.
 */
export function grantCase(
  rnd: Random,
  oracle: Oracle,
  refs: References,
  people: readonly Persona[],
  variants: readonly Variant[],
  fixedSubjects: readonly string[],
): { persona: Persona; variant: Variant; headers: CaseHeaders; operation: GeneratedOperation } | undefined {
  if (oracle.grants.length === 0) return undefined;
  const grant = rnd.pick([...oracle.grants]);
  const persona = people.find((p) => p.userId === grant.requesterId);
  const targets = targetsOf(oracle.schema.schema, grant.fields);
  if (!persona || targets.length === 0) return undefined;
  const headers: CaseHeaders = {
    purpose: grant.purpose,
    lawfulBasis: rnd.chance(0.5) ? grant.lawfulBasis : null,
    caseRef: rnd.chance(0.7) ? grant.caseRef : grant.requestId,
  };
  if (rnd.chance(0.25)) {
    // A near miss on one of the three.
    const miss = rnd.int(0, 2);
    if (miss === 0) headers.purpose = rnd.pick(PURPOSES.filter((p) => p !== grant.purpose));
    if (miss === 1)
      headers.caseRef = rnd.pick(['BCC/MSHT/2026/0042', 'WMP-OP-KESTREL-17', 'case.2026_01'].filter((c) => c !== grant.caseRef));
    if (miss === 2) headers.lawfulBasis = rnd.pick(LAWFUL_BASES.filter((b) => b !== grant.lawfulBasis));
  }
  const subjects = rnd.chance(0.7) ? [grant.subjectId] : [...fixedSubjects, grant.subjectId];
  const operation = targetedOperation(rnd, oracle.schema.schema, refs, rnd.pick(targets), subjects);
  const variant = variants.find((v) => v.purpose === 'approved' && v.caseRef && v.basis === 'none') ?? variants[0]!;
  return { persona, variant, headers, operation };
}
