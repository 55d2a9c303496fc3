import type { Recipients, Rule } from '../model/agreement';
import { approvalValid, inForce, type RequestContext, type Requester } from '../model/request';

/**
 * The parts of docs/policy.md §3 and §4 that say whether a rule names a field and whether it
 * applies to a request, one small function each.
 */

/** Does `rule` name `Type.field`, exactly or through `Type.*`? */
export function names(rule: Rule, coordinate: string, options: { wildcard: boolean } = { wildcard: true }): boolean {
  if (rule.fields.includes(coordinate)) return true;
  if (!options.wildcard) return false;
  const type = coordinate.slice(0, coordinate.indexOf('.'));
  return rule.fields.includes(`${type}.*`);
}

/** Every dimension given matches; `{}` matches everyone; a dimension the oracle does not know never matches. */
export function recipientsMatch(recipients: Recipients, requester: Requester): boolean {
  if (recipients.unknown.length > 0) return false;
  if (recipients.orgs && !recipients.orgs.includes(requester.org)) return false;
  if (recipients.partners && (requester.partner === null || !recipients.partners.includes(requester.partner))) return false;
  if (recipients.roles && !requester.roles.some((r) => recipients.roles!.includes(r))) return false;
  if (recipients.users && !recipients.users.includes(requester.userId)) return false;
  return true;
}

/**
 * A deny applies when its recipients match, no `except` entry matches, and (if it names
 * purposes) the request's purpose is one of them. The agreement's state does not matter (§4).
 * An `except` entry with a dimension the oracle does not know never matches: the deny still applies.
 */
export function denyApplies(rule: Rule, request: RequestContext): boolean {
  // A recipients dimension the oracle cannot read cannot rule the requester out: the deny applies.
  const matches = rule.recipients.unknown.length > 0 || recipientsMatch(rule.recipients, request.requester);
  if (!matches) return false;
  if (rule.except.some((e) => recipientsMatch(e, request.requester))) return false;
  if (rule.purposes && (request.purpose === null || !rule.purposes.includes(request.purpose))) return false;
  return true;
}

/** Requirement 1 of an allow rule (§4), the one §4.1 step 3 sorts on. */
export function allowRecipientsMatch(rule: Rule, request: RequestContext): boolean {
  return rule.unknownKeys.length === 0 && recipientsMatch(rule.recipients, request.requester);
}

/** What an allow rule still needs once its recipients match (§4 requirements 2–6). */
export interface Unmet {
  agreement: boolean;
  approval: boolean;
  purpose: boolean;
  lawfulBasis: boolean;
  caseRef: boolean;
}

export function unmetRequirements(rule: Rule, request: RequestContext): Unmet {
  const purposes = rule.purposes ?? rule.agreement.purposes;
  return {
    agreement: !inForce(rule.agreement, request),
    approval: !approvalValid(request) || request.purpose === null || !request.approval!.purposes.includes(request.purpose),
    purpose: request.purpose === null || !purposes.includes(request.purpose),
    lawfulBasis: request.lawfulBasis !== null && !rule.lawfulBases.includes(request.lawfulBasis),
    caseRef: rule.requireCaseRef && request.caseRef === null,
  };
}

/** Requirements 1–6 of §4: everything but the record conditions. */
export function allowPassesBeforeExecution(rule: Rule, request: RequestContext): boolean {
  if (!allowRecipientsMatch(rule, request)) return false;
  const u = unmetRequirements(rule, request);
  return !u.agreement && !u.approval && !u.purpose && !u.lawfulBasis && !u.caseRef;
}
