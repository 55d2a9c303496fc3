import type { LawfulBasis, Purpose, Role, SubgraphName } from '@hub/shared';
import type { CompiledRule } from './compiled-policy';

/** Who is asking, as their verified token says. */
export interface Requester {
  /** The identity provider that vouches for the user: a user is (issuer, subject). */
  issuer: string;
  userId: string;
  org: string;
  /** The partner whose data the requester's organisation controls (null: e.g. the audit panel). */
  partner: SubgraphName | null;
  roles: Role[];
}

/** The requester's approval by their organisation's nominated representative (ISA 6.4). */
export interface Approval {
  purposes: Purpose[];
  approvedBy: string;
  approvedOn?: string;
  expiresOn: string;
}

/** The state of an agreement at the moment of the request (ISA 13.2 suspension, 13.4 review). */
export interface AgreementState {
  active: boolean;
  /** Why it is not active, for the error: who suspended it and why, or that it expired. */
  reason?: string;
  /** The parties whose suspension (ISA 13.2) stands: each lifts its own. */
  suspendedBy?: readonly string[];
}

/** Everything a policy decision depends on that is not record data. */
export interface HubRequest {
  requestId: string;
  requester: Requester;
  /** Null when the user is not approved, or the approval has expired. */
  approval: Approval | null;
  purpose: Purpose | null;
  /** When given (X-Hub-Lawful-Basis), only rules under this basis apply. */
  lawfulBasis: LawfulBasis | null;
  caseRef: string | null;
  agreementStates: ReadonlyMap<string, AgreementState>;
  /**
   * The hub's store did not answer: the registry, the approval and the agreements' state are
   * unknown. Nothing personal may be decided on that; the directory and care pathways still can.
   */
  stateUnavailable?: true;
  /** The owners' disclosures on this requester's information requests, as rules by coordinate. */
  grants?: ReadonlyMap<string, readonly CompiledRule[]>;
  /** The requester may ask an owner for what is withheld (an operation rule lets them request information). */
  mayRequestInformation?: boolean;
}
