import type { ExecutionResult, DocumentNode } from 'graphql';
import type { AuditTrail } from '../audit/audit-trail';
import type { DraftDisclosure } from '../audit/disclosure-record';
import type { Initiator } from '../audit/drafts';
import type { Principal } from '../identity/authenticate';
import type { TrustedIssuer } from '../identity/trusted-issuers';
import type { CompiledPolicy } from '../policy/compiled-policy';
import type { HubRequest } from '../policy/hub-request';
import type { PolicyContext } from '../policy/request-policy';
import type { OperationPlan } from '../policy/plan-operation';
import type { ShapedResponse } from '../policy/shape-response';
import type { HubStore } from '../store/hub-store';
import type { Ownership } from '../supergraph/ownership';

/** One operation as the pipeline runs it: the client's, or one the gateway asks on a requester's behalf. */
export interface Operation {
  document: DocumentNode;
  source: string;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | undefined;
  /** Identifies the text for the plan cache. */
  queryHash: string;
}

/** What resolvers and the subgraph executors see for one request (graphql-js's context value). */
export interface HubContext extends PolicyContext {
  hubRequest: HubRequest;
  principal: Principal;
  /** Gateway-signed tokens, one per subgraph (audience), minted once per request. */
  subgraphTokens: Record<string, string>;
  /** Aborts every subgraph call of the request when its one deadline passes. */
  deadline: AbortSignal;
  /** When the request arrived, by the hub's clock: every date the request decides on. */
  now: Date;
  store: HubStore;
  /** The compiled agreements; `policy.agreements` are the agreements themselves. */
  policy: CompiledPolicy;
  /** Which partner owns each field: the gateway's own resolvers plan their reads with it. */
  ownership: Ownership;
  audit: AuditTrail | null;
  /** The identity providers the hub trusts, and which organisations each may vouch for. */
  issuers: readonly TrustedIssuer[];
  /**
   * Runs an operation the gateway asks on the requester's behalf (e.g. the facts an explanation
   * needs) through the same enforcement and log as a client's: what comes back is what they may see.
   */
  runAsRequester(source: string, variables: Record<string, unknown>, request: HubRequest): Promise<ExecutionResult>;
  /**
   * Decides and reads an operation for another recipient (a referral's provider) through the same
   * plan and execution, without recording it: the caller records it when the disclosure happens.
   */
  readAsRecipient(source: string, variables: Record<string, unknown>, request: HubRequest): Promise<RecipientRead>;
  /**
   * Phase 1 only: plans an operation for a recipient (what is withheld before any partner is
   * asked), reading no record. A workflow checks what depends on the request alone with it, before
   * anything that depends on records (referrals, docs/policy.md §8).
   */
  planAsRecipient(source: string, variables: Record<string, unknown>, request: HubRequest): Promise<OperationPlan>;
  /** Each partner's GraphQL endpoint (its referral places sit beside it). */
  endpoints: Record<string, string>;
  /** The operation being run, as the log names it (a gateway field that discloses records it). */
  operation: { source: string; name: string | null };
  /**
   * Records disclosures a gateway field's answer makes (a referral's shared values shown to its
   * provider) with the response's own: committed before the response leaves, under its receipt
   * (`extensions.disclosure`), and if the log cannot take them the response does not leave. Their
   * owners' handling conditions mark the response, as for any partner data it carries (ISA 6.3).
   * `at` is the field's response path: if an error keeps its answer out of the response, they are
   * neither recorded nor marked.
   */
  records(drafts: readonly DraftDisclosure[], at: readonly (string | number)[]): void;
}

/** A read for another recipient: refused (the response's errors), or decided, shaped and ready to record. */
export type RecipientRead =
  | { refused: ExecutionResult; plan?: undefined; shaped?: undefined; record?: undefined }
  | {
      refused?: undefined;
      plan: OperationPlan;
      shaped: ShapedResponse;
      /**
       * Records the disclosures, naming `requesterId` as the recipient's user when given (e.g. the
       * referral) and `initiator` as whoever made it happen (the referrer).
       */
      record(as?: { requesterId?: string; initiator?: Initiator }): Promise<void>;
    };
