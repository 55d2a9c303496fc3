import { createHash } from 'node:crypto';
import { ForbiddenError, type DirectoryEntry } from '@hub/shared';
import type { DraftDisclosure } from '../../audit/disclosure-record';
import type { HubContext } from '../../pipeline/hub-context';
import type { Withheld } from '../../policy/field-decision';
import type { Actor } from '../workflow-history';
import type { SharedField } from './referral-fields';
import { REFERRAL_ROLE } from './referral-role';

/**
 * Why an attempt was refused, for the auditor only: the rule (an agreement rule, or a hub rule
 * `referral-*`), the real reason, and which fields the records withheld, if any.
 */
export interface RefusalCause {
  rule: string;
  agreement: string | null;
  reason: string;
  withheld?: ReadonlyMap<string, Withheld>;
  /**
   * True when the refusal was decided on the request (or the service) alone and the caller was
   * told its own reason: auditors may read it. Anything else is a fact about someone's records,
   * which the auditors' API masks as `record-condition` (docs/disclosure-log.md); absent is false.
   */
  requestOnly?: boolean;
}

/**
 * A refusal decided on record data: no record held, consent that does not name the provider,
 * another charity's support… Thrown inside the
 * workflow and turned into the one uniform refusal at its edge, with its cause logged.
 */
export class RecordRefusal extends Error {
  constructor(readonly refusal: RefusalCause) {
    super(refusal.reason);
  }
}

/**
 * The one answer for every refusal that depends on record data (docs/policy.md §8): the same
 * message, code and extensions whatever the reason, so that sweeping subject ids through
 * referrals tells a caller nothing about who the partners hold records on or what those records
 * say. It names the service only, which the caller chose. The real reason is in the log, for auditors.
 */
export function uniformRefusal(entry: DirectoryEntry): ForbiddenError {
  return new ForbiddenError(
    `This referral to ${entry.name} cannot be made: the agreement and the person's records (such as their recorded consent) ` +
      `do not let what you chose to share go to its provider. Nothing was shared and no place is held. ` +
      `The hub does not say which record decided, so that a refusal reveals nothing about the person; ` +
      `the attempt is logged, and the partner that supports the person can check their consent with them.`,
    { reason: 'REFERRAL_REFUSED' },
  );
}

/** A refused field in `withheld_json`: the real rule and reason, and whether it depended on the request only. */
interface RefusalLine {
  field: string;
  rule: string;
  reason: string;
  requestOnly?: true;
}

/** What identifies an attempt in the log: the same requester and operation as the disclosure it would have been. */
export interface Attempt {
  /** The referral's number (a refused attempt keeps its number; no referral has it). */
  id: string;
  entry: DirectoryEntry;
  subjectId: string;
  fields: readonly SharedField[];
  caseRef: string;
  purpose: string;
  referrer: Actor;
  /** The internal query the provider's read runs (`ReferToService`): its hash ties the record to the read. */
  source: string;
}

const REFER_OPERATION = 'Mutation.referToService';

/**
 * The log's records of a refused attempt: one per owner of the fields it would have shared,
 * nothing disclosed, each field withheld with the rule and reason that really decided (the caller
 * was told less), the provider as the recipient and the referrer as the initiator.
 */
export function refusalDrafts(attempt: Attempt, cause: RefusalCause, context: HubContext, at: Date): DraftDisclosure[] {
  const byOwner = new Map<string, RefusalLine[]>();
  for (const field of attempt.fields) {
    const [typeName, fieldName] = field.coordinate.split('.') as [string, string];
    const owner = context.ownership.ownerOf(typeName, fieldName) ?? attempt.entry.operator;
    const own = cause.withheld?.get(field.coordinate);
    const line: RefusalLine = own
      ? { field: field.coordinate, rule: own.rule, reason: `referral refused: ${own.reason}` }
      : { field: field.coordinate, rule: cause.rule, reason: `referral refused: ${cause.reason}` };
    if (cause.requestOnly === true && !own) line.requestOnly = true;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), line]);
  }
  // The agreements the attempt was made under (those whose operation rule governs referrals), the
  // same for every attempt: the agreement of the rule that refused it would tell the audit panel
  // which kind of reason it was, which its masked lines keep from it.
  const agreements = new Set((context.policy.operationRulesAt.get(REFER_OPERATION) ?? []).map((r) => r.agreementRef));
  const operationHash = createHash('sha256').update(attempt.source).digest('hex');
  return [...byOwner].map(([owner, withheld]) => ({
    occurredAt: at.toISOString(),
    requestId: context.hubRequest.requestId,
    operationName: 'ReferToService',
    operationHash,
    requesterId: attempt.id,
    requesterOrg: attempt.entry.providerOrg,
    requesterRoles: [REFERRAL_ROLE],
    purpose: attempt.purpose,
    lawfulBases: [],
    caseRef: attempt.caseRef,
    agreements: [...agreements].sort(),
    ruleIds: [],
    owner,
    subjectType: 'Person',
    subjectId: attempt.subjectId,
    fieldsDisclosed: [],
    withheldJson: JSON.stringify(withheld.sort((a, b) => a.field.localeCompare(b.field))),
    initiatorId: attempt.referrer.userId,
    initiatorOrg: attempt.referrer.org,
    // No controller: the reason is about whichever organisation's records decided (the referrer's
    // own, another charity's episode, the consent), not the owner of the fields it would have
    // shared, so filing it under that owner's DPO would show them other organisations' facts.
    // Null keeps it for the joint audit panel, who see record-dependent reasons masked.
    controllerOrg: null,
  }));
}
