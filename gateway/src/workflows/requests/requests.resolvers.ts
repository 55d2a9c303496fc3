import {
  assertSubjectId,
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  isLawfulBasis,
  isPurpose,
  isSubgraphName,
  SUBGRAPH_NAMES,
  type LawfulBasis,
  type Purpose,
  type SubgraphName,
} from '@hub/shared';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { addDaysIso, isIsoDate, ukDate } from '../../agreements/iso-date';
import type { HubContext } from '../../pipeline/hub-context';
import { storeOn, actorOf, requireApproved, requireMayCall } from '../workflow-context';
import { CASE_REF } from '../../request/hub-headers';
import { mayCall } from '../../policy/decide-operation';
import { charityPage, subjectsWeSupport } from './charity-cases';
import { fieldOwner, fieldWithin, isSubjectField, notDisclosable } from './request-fields';
import { RequestConflict, RequestStore, type Decision, type StoredRequest } from './request-store';

const DEFAULT_DISCLOSURE_DAYS = 28;
const MAX_DISCLOSURE_DAYS = 366;

/** The store for the request, built once per data source (it holds nothing else). */
const requestStore = storeOn(RequestStore);

export const requestResolvers = {
  Query: {
    async informationRequests(
      _root: unknown,
      args: { box: 'INBOX' | 'SENT'; first?: number | null; after?: string | null },
      context: HubContext,
    ) {
      requireApproved(context);
      const first = Math.min(Math.max(args.first ?? 20, 1), 100);
      const store = requestStore(context);
      const after = args.after ?? null;
      const where = args.box === 'SENT' ? { requester: actorOf(context) } : { owner: inboxOwner(context) };
      // Addressed to the reader's organisation: read by its disclosure officers (W2); sent: by whoever may ask (W1).
      if (args.box === 'SENT') requireMayCall(context, 'Mutation.requestInformation', 'the information requests you made');
      else requireMayCall(context, 'Mutation.decideInformationRequest', `the information requests addressed to ${context.principal.org}`);
      let page: StoredRequest[];
      let hasNextPage: boolean;
      if (where.owner === 'ngo') {
        // A charity's officer: only requests about people their charity supports, the cursor one of them.
        const known = after ? await store.get(after, context.now) : null;
        if (after && !(known && (await answersFor(known, 'ngo', context))))
          return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
        ({ page, hasNextPage } = await charityPage((from, size) => store.list(where, context.now, size, from), first, after, context));
      } else {
        const requests = await store.list(where, context.now, first + 1, after);
        page = requests.slice(0, first);
        hasNextPage = requests.length > first;
      }
      return {
        edges: page.map((request) => ({ cursor: request.id, node: args.box === 'SENT' ? requesterView(request) : view(request) })),
        pageInfo: { hasNextPage, endCursor: page.at(-1)?.id ?? null },
      };
    },

    async informationRequest(_root: unknown, args: { id: string }, context: HubContext) {
      requireApproved(context);
      const store = requestStore(context);
      const request = await store.get(args.id, context.now);
      if (!request) return null;
      if (isRequester(request, context)) {
        requireMayCall(context, 'Mutation.requestInformation', 'an information request you made');
        return requesterView(request);
      }
      const partner = context.principal.partner;
      // An owner's disclosure officer sees the request with its own part only; nobody else sees it.
      if (
        partner &&
        context.principal.roles.includes('DISCLOSURE_OFFICER') &&
        request.parts.some((p) => p.owner === partner) &&
        (await answersFor(request, partner, context))
      ) {
        requireMayCall(context, 'Mutation.decideInformationRequest', `an information request addressed to ${context.principal.org}`);
        return view((await store.list({ id: args.id, owner: partner }, context.now, 1, null))[0]!);
      }
      return null;
    },
  },

  Mutation: {
    async requestInformation(_root: unknown, args: { input: RequestInput }, context: HubContext, info: GraphQLResolveInfo) {
      requireApproved(context);
      const request = readRequest(args.input, context, info.schema);
      return requesterView(await requestStore(context).create({ ...request, requester: actorOf(context) }, context.now));
    },

    async decideInformationRequest(
      _root: unknown,
      args: { id: string; decisions: DecisionInput[] },
      context: HubContext,
      info: GraphQLResolveInfo,
    ) {
      requireApproved(context);
      const partner = inboxOwner(context);
      const store = requestStore(context);
      const request = await store.get(args.id, context.now);
      if (!request || !request.parts.some((p) => p.owner === partner) || !(await answersFor(request, partner, context)))
        throw new BadUserInputError(`no request ${args.id.slice(0, 40)} addressed to ${partner}`);
      // An officer answers their own partner's part, once: two answers in one call would be stored
      // as one and refused as if already decided (red team: the error named a decision never saved).
      if (args.decisions.length !== 1) throw new BadUserInputError(`give one decision, for ${partner}'s part`);
      const decisions = args.decisions.map((d) => readDecision(d, request, partner, context, info.schema));
      try {
        await store.decide(args.id, decisions, actorOf(context), context.now);
      } catch (error) {
        if (error instanceof RequestConflict) throw new ConflictError(error.message);
        throw error;
      }
      return view((await store.list({ id: args.id, owner: partner }, context.now, 1, null))[0]!);
    },

    async withdrawInformationRequest(_root: unknown, args: { id: string }, context: HubContext) {
      requireApproved(context);
      const store = requestStore(context);
      const request = await store.get(args.id, context.now);
      if (!request || !isRequester(request, context)) throw new BadUserInputError(`no request ${args.id.slice(0, 40)} of yours`);
      try {
        return requesterView(await store.withdraw(args.id, actorOf(context), context.now));
      } catch (error) {
        if (error instanceof RequestConflict) throw new ConflictError(error.message);
        throw error;
      }
    },
  },
};

interface RequestInput {
  subjectId: string;
  owners: string[];
  fields: string[];
  purpose: string;
  lawfulBasis: string;
  caseRef: string;
  reason: string;
  declaration: { accepted: boolean; name: string; role: string };
  tippingOffRisk?: boolean | null;
  tippingOffReason?: string | null;
}

interface DecisionInput {
  owner: string;
  outcome: 'DISCLOSE' | 'DECLINE' | 'NOTHING_HELD';
  fields?: string[] | null;
  expiresOn?: string | null;
  reason?: string | null;
}

/** Appendix 2, checked: every part of the form, the owners asked for their own fields only. */
function readRequest(input: RequestInput, context: HubContext, schema: GraphQLSchema) {
  const subjectId = assertSubjectId(input.subjectId);
  const owners = [...new Set(input.owners)];
  for (const owner of owners) {
    if (!isSubgraphName(owner)) throw new BadUserInputError(`"${owner.slice(0, 40)}" is not a partner: use ${SUBGRAPH_NAMES.join(', ')}`);
    if (owner === context.principal.partner)
      throw new BadUserInputError(`${owner} is your own organisation's partner: its records are not requested through the hub`);
  }
  if (owners.length === 0) throw new BadUserInputError('name at least one owner to ask');
  const fields = new Map<SubgraphName, string[]>(owners.map((o) => [o as SubgraphName, []]));
  for (const field of new Set(input.fields)) {
    if (!isSubjectField(schema, field))
      throw new BadUserInputError(`"${field.slice(0, 80)}" is not a field of a subject's record (Type.field)`);
    const owner = fieldOwner(context.ownership, field);
    if (!owner || !fields.has(owner))
      throw new BadUserInputError(`${field} is ${owner ?? 'no partner'}'s data: add ${owner ?? 'its owner'} to owners, or leave it out`);
    const problem = notDisclosable(schema, context.ownership, owner, field);
    if (problem) throw new BadUserInputError(problem);
    fields.get(owner)!.push(field);
  }
  for (const [owner, asked] of fields) if (asked.length === 0) throw new BadUserInputError(`nothing is asked of ${owner}`);
  if (!isPurpose(input.purpose) || !context.hubRequest.approval!.purposes.includes(input.purpose as Purpose)) {
    throw new BadUserInputError(`you are approved for ${context.hubRequest.approval!.purposes.join(', ')}, not ${input.purpose}`);
  }
  // The purpose the disclosure will be for, not only the header's, must be one the agreement lets a
  // request be made for (W1): a request made under IDENTIFY_VICTIMS for STATISTICS got named health
  // data disclosed, and read, for statistics (red team, 30 Nov).
  const rules = context.policy.operationRulesAt.get('Mutation.requestInformation') ?? [];
  if (!mayCall(rules, { ...context.hubRequest, purpose: input.purpose as Purpose })) {
    throw new BadUserInputError(`a request cannot be made for ${input.purpose} (${rules[0]?.id ?? 'no operation rule'})`);
  }
  if (!isLawfulBasis(input.lawfulBasis)) throw new BadUserInputError('unknown lawful basis');
  if (!CASE_REF.test(input.caseRef)) throw new BadUserInputError('the case reference must be 3 to 64 letters, digits or / . _ -');
  const reason = input.reason.trim();
  if (reason.length < 20 || reason.length > 2000)
    throw new BadUserInputError('say why the information is needed, in 20 to 2000 characters (Appendix 2)');
  const { accepted, name, role } = input.declaration;
  if (!accepted)
    throw new BadUserInputError(
      'the declaration of Appendix 2 must be accepted: the request is necessary and proportionate for the purpose stated',
    );
  if (!name.trim() || !role.trim()) throw new BadUserInputError('the declaration needs the name and role of the person making the request');
  const tippingOff = input.tippingOffRisk === true;
  const tippingOffReason = input.tippingOffReason?.trim() || null;
  if (tippingOff && (!tippingOffReason || tippingOffReason.length < 10))
    throw new BadUserInputError('say why telling the subject would prejudice the purpose (10 characters or more)');
  return {
    declaredName: name.trim(),
    declaredRole: role.trim(),
    subjectId,
    owners: owners as SubgraphName[],
    fields,
    purpose: input.purpose as Purpose,
    lawfulBasis: input.lawfulBasis as LawfulBasis,
    caseRef: input.caseRef,
    reason,
    tippingOff,
    tippingOffReason: tippingOff ? tippingOffReason : null,
  };
}

/** An owner's decision, checked: its own part, fields within those asked, an expiry within a year. */
function readDecision(
  input: DecisionInput,
  request: StoredRequest,
  partner: SubgraphName,
  context: HubContext,
  schema: GraphQLSchema,
): Decision {
  if (input.owner !== partner) throw new ForbiddenError(`you answer for ${partner}, not ${input.owner.slice(0, 40)}`);
  const part = request.parts.find((p) => p.owner === partner)!;
  if (input.outcome === 'DECLINE' && !(input.reason?.trim().length ?? 0)) throw new BadUserInputError('say why the request is declined');
  if (input.outcome !== 'DISCLOSE') return { owner: partner, outcome: input.outcome, reason: input.reason?.trim() || undefined };
  const fields = input.fields?.length ? [...new Set(input.fields)] : part.fields;
  for (const field of fields) {
    if (!part.fields.some((asked) => fieldWithin(schema, field, asked)))
      throw new BadUserInputError(`${field.slice(0, 80)} was not asked for: disclose at most ${part.fields.join(', ')}`);
    // Narrower, but only to a field that could have been asked of this partner (red team, 30 Nov:
    // a council officer's Address.line1 released the police's address).
    const problem = notDisclosable(schema, context.ownership, partner, field);
    if (problem) throw new BadUserInputError(problem);
  }
  const today = ukDate(context.now);
  const expiresOn = input.expiresOn ?? addDaysIso(today, DEFAULT_DISCLOSURE_DAYS);
  if (!isIsoDate(expiresOn) || expiresOn <= today || expiresOn > addDaysIso(today, MAX_DISCLOSURE_DAYS)) {
    throw new BadUserInputError(`the disclosure must end after today and within ${MAX_DISCLOSURE_DAYS} days (an ISO date)`);
  }
  // Until the end of the day it names, UK time.
  return { owner: partner, outcome: 'DISCLOSE', fields, expiresAt: endOfUkDay(expiresOn), reason: input.reason?.trim() || undefined };
}

/** Disclosure officers answer for their own organisation's partner. */
function inboxOwner(context: HubContext): SubgraphName {
  const { partner, roles } = context.principal;
  if (!partner || !roles.includes('DISCLOSURE_OFFICER'))
    throw new ForbiddenError("only a partner's disclosure officer has an inbox of requests");
  return partner;
}

/**
 * Whether the officer answers the request's part for their partner: any officer of the police, the
 * council or the NHS; a charity's, only about a person their charity supports (charity-cases.ts).
 */
async function answersFor(request: StoredRequest, partner: SubgraphName, context: HubContext): Promise<boolean> {
  return partner !== 'ngo' || (await subjectsWeSupport([request.subjectId], context)).has(request.subjectId);
}

function isRequester(request: StoredRequest, context: HubContext): boolean {
  return request.requester.issuer === context.principal.issuer && request.requester.userId === context.principal.userId;
}

/**
 * The request as its requester sees it: the charities' part without who answered it. Only a
 * charity that supports the person answers (charity-cases.ts), so the officer's name would say
 * which charity supports them, which the survivor's consent may withhold from the requester (R7;
 * red team, 30 Nov). That the charities answered at all still says one of them does: see
 * docs/policy.md.
 */
function requesterView(request: StoredRequest) {
  return view({
    ...request,
    parts: request.parts.map((p) => (p.owner === 'ngo' ? { ...p, decidedBy: null, decidedOrg: null } : p)),
  });
}

function view(request: StoredRequest) {
  const decided = request.parts.filter((p) => p.status !== 'PENDING').length;
  const status = request.withdrawnAt
    ? 'WITHDRAWN'
    : decided === 0
      ? 'PENDING'
      : decided < request.parts.length
        ? 'PARTLY_ANSWERED'
        : 'ANSWERED';
  return {
    id: request.id,
    createdAt: request.createdAt,
    requesterId: request.requester.userId,
    requesterOrg: request.requester.org,
    declaration: { name: request.declaredName, role: request.declaredRole },
    subjectId: request.subjectId,
    purpose: request.purpose,
    lawfulBasis: request.lawfulBasis,
    caseRef: request.caseRef,
    reason: request.reason,
    tippingOffRisk: request.tippingOff,
    tippingOffReason: request.tippingOffReason,
    status,
    parts: request.parts,
  };
}

function endOfUkDay(isoDate: string): Date {
  // 23:59:59.999 on that date in London: try both offsets and keep the one that is still that date there.
  for (const offset of ['+00:00', '+01:00']) {
    const candidate = new Date(`${isoDate}T23:59:59.999${offset}`);
    if (ukDate(candidate) === isoDate) return candidate;
  }
  return new Date(`${isoDate}T23:59:59.999Z`);
}
