import type { LawfulBasis, Purpose, Role } from '@hub/shared';

/**
 * A sharing agreement as data (spec §7): the paper ISA, versioned, with the field rules the
 * gateway enforces. Loaded from `gateway/agreements/*.yaml` and validated against the
 * supergraph before the gateway serves a single request.
 */
export interface Agreement {
  /** Set by the loader: the file it was read from, which `line` on each rule refers to. */
  file?: string;
  id: string;
  version: number;
  title: string;
  /** Organisation ids (config/organisations.ts) that signed it. */
  parties: string[];
  signedOn: string;
  effectiveFrom: string;
  /** At most 24 months after signing (ISA 13.4); after it, the agreement has expired. */
  reviewBy: string;
  /** As signed. Suspensions (ISA 13.2) are recorded in the hub's store, not in the file. */
  status: 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';
  purposes: Purpose[];
  /** What travels with disclosed data (ISA 6.3). `{owner}` is replaced by the owner's name. */
  handling: { marking: string; onwardDisclosure: string };
  /** Coordinates (`Type.field`) anyone authenticated may read: non-personal data. */
  publicFields: string[];
  rules: FieldRule[];
}

export interface FieldRule {
  /** Stable id the decisions, errors and log name, e.g. `R3-police-intelligence`. */
  id: string;
  description: string;
  /** The ISA clauses it encodes, e.g. `ISA 6.1, 6.3`. */
  clause?: string;
  effect: 'allow' | 'deny';
  /** The partner whose data it is: a subgraph name. Required for allow rules. */
  owner?: 'police' | 'local-authority' | 'nhs' | 'ngo';
  /** Field coordinates. `Type.*` means every field of the type. Descendants inherit. */
  fields: string[];
  /** Who may (or, for deny, may not) receive it. Omitted = everyone. */
  recipients: { orgs?: string[]; partners?: ('police' | 'local-authority' | 'nhs' | 'ngo')[]; roles?: Role[] };
  /** For deny rules: recipients the deny does not apply to. */
  except?: { orgs?: string[]; partners?: ('police' | 'local-authority' | 'nhs' | 'ngo')[]; roles?: Role[] }[];
  /** Omitted = every purpose of the agreement. */
  purposes?: Purpose[];
  /** The bases this flow relies on; the log records which one applied. Required for allow rules. */
  lawfulBases?: LawfulBasis[];
  /** Personal data needs a case reference (ISA 5.4: necessity and proportionality). */
  requireCaseRef?: boolean;
  /**
   * Conditions on the record itself, decided per value by graphql-shield at execution: names of
   * the conditions in `gateway/src/policy/conditions/` (checked when the agreement loads).
   */
  when?: string[];
  /** Set by the loader: the source line, so errors and explanations can point at it. */
  line?: number;
}
