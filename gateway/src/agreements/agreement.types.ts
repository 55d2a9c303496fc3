import type { LawfulBasis, Purpose, Role, SubgraphName } from '@hub/shared';

/**
 * A sharing agreement as data (docs/agreement.md): the paper ISA, versioned, with the field rules the
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
  /** Who may call each of the hub's mutations, for which purposes: deny by default (docs/agreement.md, W1–W4). */
  operations: OperationRule[];
}

/** An allow on one of the hub's own mutations (`Mutation.requestInformation`). */
export interface OperationRule {
  id: string;
  description: string;
  clause?: string;
  /** `Mutation.<field>` of the gateway's own schema. */
  operation: string;
  recipients: { orgs?: string[]; partners?: SubgraphName[]; roles?: Role[] };
  /** Omitted = every purpose of the agreement. */
  purposes?: Purpose[];
  /**
   * Governs the agreement or the registry rather than sharing data (suspending, lifting, approving
   * users): callable while the agreement is suspended or lapsed, or it could never be lifted.
   */
  whileNotInForce?: boolean;
  line?: number;
}

export interface FieldRule {
  /** Stable id the decisions, errors and log name, e.g. `R3-police-intelligence`. */
  id: string;
  description: string;
  /** The ISA clauses it encodes, e.g. `ISA 6.1, 6.3`. */
  clause?: string;
  effect: 'allow' | 'deny';
  /** The partner whose data it is: a subgraph name. Required for allow rules. */
  owner?: SubgraphName;
  /** Field coordinates. `Type.*` means every field of the type. Descendants inherit. */
  fields: string[];
  /**
   * Who may (or, for deny, may not) receive it. Omitted = everyone. `users` (issuer|subject) only
   * appears on the rules the hub makes from an owner's disclosure on request, never in a file.
   */
  recipients: { orgs?: string[]; partners?: SubgraphName[]; roles?: Role[]; users?: string[] };
  /** For deny rules: recipients the deny does not apply to. */
  except?: { orgs?: string[]; partners?: SubgraphName[]; roles?: Role[] }[];
  /** Omitted = every purpose of the agreement. */
  purposes?: Purpose[];
  /** The bases this flow relies on; the log records which one applied. Required for allow rules. */
  lawfulBases?: LawfulBasis[];
  /** Personal data needs a case reference (ISA 5.4: necessity and proportionality). */
  requireCaseRef?: boolean;
  /** Only these case references (a disclosure on request: the request's case, or the request itself). */
  caseRefs?: string[];
  /**
   * Conditions on the record itself, decided per value by graphql-shield at execution: names of
   * the conditions in `gateway/src/policy/conditions/` (checked when the agreement loads).
   */
  when?: string[];
  /**
   * For a deny with `when`: tell the requester that this rule withheld the value ("a restricted
   * address: ask a police investigator"), instead of leaving it to look absent. Off by default; a
   * signpost says something about the record, so it is logged as a disclosure (docs/policy.md §5).
   */
  signpost?: boolean;
  /** Set by the loader: the source line, so errors and explanations can point at it. */
  line?: number;
}
