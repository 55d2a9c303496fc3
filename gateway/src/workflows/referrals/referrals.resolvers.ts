import { createHash } from 'node:crypto';
import {
  assertSubjectId,
  AuditUnavailableError,
  BadUserInputError,
  ConflictError,
  environment,
  ForbiddenError,
  HubError,
  organisation,
  requestLogger,
  SubgraphUnavailableError,
  SUPPORT_DIRECTORY,
  type DirectoryEntry,
  type PlaceAnswer,
} from '@hub/shared';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { HubContext } from '../../pipeline/hub-context';
import { storeOn, actorOf, requireApproved } from '../workflow-context';
import type { Withheld } from '../../policy/field-decision';
import type { HubRequest } from '../../policy/hub-request';
import type { PlanNode } from '../../policy/plan-operation';
import { mayCall } from '../../policy/decide-operation';
import type { Actor } from '../workflow-history';
import { askPlaces } from './partner-places';
import { readSharedFields, referralQuery, valueOf, type SharedField } from './referral-fields';
import { ReferralConflict, ReferralStore, statusAt, type StoredReferral } from './referral-store';

/** The purpose a referral's disclosure is made for: W5 allows the referrer no other, so the log's purpose is theirs. */
const REFERRAL_PURPOSE = 'SAFEGUARDING_REFERRAL';
/** The issuer under which the log names a referral's recipient: the provider organisation, for that referral. */
const REFERRAL_ISSUER = 'partner-hub-referral';
const KEY = /^[\w.:-]{8,100}$/;

const referralStore = storeOn(ReferralStore);

function directoryEntry(serviceId: string): DirectoryEntry {
  const entry = SUPPORT_DIRECTORY.find((s) => s.id === serviceId);
  if (!entry) throw new BadUserInputError(`"${serviceId.slice(0, 60)}" is not a service of the directory`);
  return entry;
}

/** Only the provider's own staff answer for its services (W6 says who may call; this says which records). */
function requireProviderStaff(context: HubContext, entry: DirectoryEntry): void {
  if (context.principal.org !== entry.providerOrg)
    throw new ForbiddenError(`${entry.name} is provided by ${entry.providerOrg}: only its staff answer for it`);
}

export const referralResolvers = {
  Query: {
    async referrals(_root: unknown, args: { box: 'INBOX' | 'SENT'; first?: number | null; after?: string | null }, context: HubContext) {
      requireApproved(context);
      const first = Math.min(Math.max(args.first ?? 20, 1), 100);
      const viewer = args.box === 'SENT' ? 'referrer' : 'provider';
      // The inbox carries what was shared with the provider: only its staff who may answer it (W6) see it.
      if (viewer === 'provider' && !mayCall(context.policy.operationRulesAt.get('Mutation.decideReferral') ?? [], context.hubRequest))
        throw new ForbiddenError(`only the staff who answer ${context.principal.org}'s referrals (W6-decide-referral) see its inbox`);
      const where = viewer === 'referrer' ? { referrer: actorOf(context) } : { providerOrg: context.principal.org };
      const referrals = await referralStore(context).list(where, first + 1, args.after ?? null);
      const page = referrals.slice(0, first);
      return {
        edges: page.map((referral) => ({ cursor: referral.id, node: view(referral, viewer, context.now) })),
        pageInfo: { hasNextPage: referrals.length > first, endCursor: page.at(-1)?.id ?? null },
      };
    },
  },

  Mutation: {
    async referToService(_root: unknown, args: { input: ReferralInput }, context: HubContext, info: GraphQLResolveInfo) {
      requireApproved(context);
      const input = readInput(args.input, context, info);
      const store = referralStore(context);
      const referrer = actorOf(context);
      const holdKey = createHash('sha256').update(`${referrer.issuer}|${referrer.userId}|${input.idempotencyKey}`).digest('hex');

      // 1. The referral, under the client's key: a retry (or the same request twice at once) finds it.
      const opening = {
        referrer,
        idempotencyKey: input.idempotencyKey,
        subjectId: input.subjectId,
        serviceId: input.entry.id,
        providerOrg: input.entry.providerOrg,
        operator: input.entry.operator,
        purpose: REFERRAL_PURPOSE,
        caseRef: input.caseRef,
        sharedFields: input.fields.map((f) => f.name),
        needs: input.needs,
        holdKey,
      };
      let id = await store.open(opening, context.now);
      if (!id) {
        const existing = await existingReferral(store, referrer, input, context.now);
        if (existing) return view(existing, 'referrer', context.now);
        // The first attempt was abandoned mid-way (its process died): this one starts afresh, under the
        // same key, so the partner finds any hold that attempt made rather than holding a second place.
        id = await store.open(opening, context.now);
        if (!id) throw new ConflictError('the same referral is being made by another request: ask for it again shortly');
      }

      try {
        // 2. What the provider may receive, decided and read by the policy the queries use.
        const read = await readForProvider(id, input, context);
        // 3. The place, in the partner that runs the service, in its own transaction.
        // The hold's end is decided here, by the hub's clock (the one tests move), and stored with the
        // hold as a time: the partner counts a hold only while its end is ahead of its own clock, so
        // expiry needs no sweeper, and a hold made "73 hours ago" by a test clock is already released.
        const expiresAt = new Date(context.now.getTime() + environment().referralHoldHours * 3_600_000);
        const held = await holdPlace(context, input.entry, { holdKey, referralId: id, expiresAt });
        // 4. The disclosure, durably, before anything is answered; if the log cannot take it, the place goes back.
        try {
          await read.record({ initiator: { userId: referrer.userId, org: referrer.org } });
        } catch (error) {
          requestLogger('gateway').error({ err: error }, 'disclosure log unavailable; referral not made');
          await releaseQuietly(context, input.entry, holdKey);
          throw new AuditUnavailableError(
            'The disclosure log cannot record this referral, so nothing was shared and no place is held. Try again shortly.',
          );
        }
        try {
          await store.confirm(id, read.values, new Date(held.expiresAt), referrer, context.now);
        } catch (error) {
          // The hub's store failed after the log took the record: the record stands (the values were
          // read for the provider), but no referral exists, so the place goes back.
          await releaseQuietly(context, input.entry, holdKey);
          throw error;
        }
      } catch (error) {
        await store.discard(id);
        throw error;
      }
      return view((await store.get(id))!, 'referrer', context.now);
    },

    async decideReferral(_root: unknown, args: { id: string; accept: boolean; reason?: string | null }, context: HubContext) {
      requireApproved(context);
      const store = referralStore(context);
      const found = await store.get(args.id);
      if (!found || found.providerOrg !== context.principal.org || found.status === 'OPENING')
        throw new BadUserInputError(`no referral ${args.id.slice(0, 40)} to ${context.principal.org}'s services`);
      const reason = args.reason?.trim() || null;
      if (!args.accept && (!reason || reason.length < 3)) throw new BadUserInputError('say why the referral is declined');
      if (reason && reason.length > 2000) throw new BadUserInputError('the reason is at most 2000 characters');
      const entry = directoryEntry(found.serviceId);
      try {
        await store.decide(
          args.id,
          { status: args.accept ? 'ACCEPTED' : 'DECLINED', reason },
          actorOf(context),
          context.now,
          async (referral) => {
            const answer = await askPlaces(context, entry.operator, {
              action: args.accept ? 'take' : 'release',
              serviceId: entry.id,
              key: referral.holdKey,
            });
            if (args.accept && answer.outcome === 'NO_PLACE')
              throw new ConflictError(`the hold on ${entry.name} has ended and the service has no place free now: it cannot be accepted`);
            if (args.accept && answer.outcome !== 'TAKEN') throw new ConflictError(`${entry.name} has no place held for ${args.id}`);
            // A decline of a hold already ended is still a decline: its place is not held either way.
          },
        );
      } catch (error) {
        if (error instanceof ReferralConflict) throw new ConflictError(error.message);
        throw error;
      }
      return view((await store.get(args.id))!, 'provider', context.now);
    },

    async updateServiceCapacity(_root: unknown, args: { serviceId: string; total: number; available: number }, context: HubContext) {
      requireApproved(context);
      const entry = directoryEntry(args.serviceId);
      requireProviderStaff(context, entry);
      const { total, available } = args;
      if (!Number.isInteger(total) || total < 0 || total > 10_000) throw new BadUserInputError('total must be a whole number, 0 to 10000');
      if (!Number.isInteger(available) || available < 0 || available > total)
        throw new BadUserInputError('available must be a whole number from 0 to the total');
      const answer = await askPlaces(context, entry.operator, { action: 'capacity', serviceId: entry.id, total, available });
      if (answer.outcome !== 'CAPACITY') throw new BadUserInputError(`${entry.operator} does not run ${entry.id}`);
      await referralStore(context).recordCapacity(entry.id, { total, available }, actorOf(context), context.now);
      return { serviceId: entry.id, total: answer.total, available: answer.available, held: answer.held };
    },
  },
};

interface ReferralInput {
  serviceId: string;
  subjectId: string;
  sharedFields: string[];
  idempotencyKey: string;
  needs?: string[] | null;
}

interface CheckedInput {
  entry: DirectoryEntry;
  subjectId: string;
  fields: SharedField[];
  idempotencyKey: string;
  needs: string[];
  caseRef: string;
}

function readInput(input: ReferralInput, context: HubContext, info: GraphQLResolveInfo): CheckedInput {
  const entry = directoryEntry(input.serviceId);
  const subjectId = assertSubjectId(input.subjectId);
  if (!KEY.test(input.idempotencyKey))
    throw new BadUserInputError('idempotencyKey must be 8 to 100 letters, digits or . _ : - (one per referral, e.g. a UUID)');
  const needs = (input.needs ?? []).map((n) => n.trim()).filter(Boolean);
  if (needs.length > 20 || needs.some((n) => n.length > 200)) throw new BadUserInputError('needs: up to 20, each up to 200 characters');
  const caseRef = context.hubRequest.caseRef;
  if (!caseRef) throw new BadUserInputError('a referral needs a case reference (X-Hub-Case-Ref)');
  if (!organisation(entry.providerOrg)) throw new BadUserInputError(`${entry.providerOrg} is not an organisation the hub knows`);
  return {
    entry,
    subjectId,
    fields: readSharedFields(info.schema, input.sharedFields),
    idempotencyKey: input.idempotencyKey,
    needs,
    caseRef,
  };
}

/** An attempt still opening after this long was abandoned (a request's deadline is a few seconds). */
const ABANDONED_MS = 60_000;

/**
 * The referral a key already has. A twin still being opened is waited for (briefly); null when
 * there is none (the first attempt failed, and left nothing) or it was abandoned (discarded here).
 */
async function existingReferral(store: ReferralStore, referrer: Actor, input: CheckedInput, now: Date): Promise<StoredReferral | null> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const existing = await store.byKey(referrer, input.idempotencyKey);
    if (!existing) return null;
    if (existing.serviceId !== input.entry.id || existing.subjectId !== input.subjectId)
      throw new BadUserInputError(`idempotencyKey ${input.idempotencyKey} was used for another referral: use a new key for a new referral`);
    if (existing.status !== 'OPENING') return existing;
    if (now.getTime() - Date.parse(existing.createdAt) > ABANDONED_MS) {
      await store.discard(existing.id);
      return null;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new ConflictError('the same referral is still being made: ask for it again shortly');
}

/**
 * Decides and reads the shared fields as the provider organisation would receive them, with the
 * engine that decides every query (phase 1 before any partner is asked, record conditions such as
 * the survivor's consent on the records), recording nothing yet. Any field withheld refuses the
 * whole referral, naming the rule: a referral never goes with less than the referrer chose, silently.
 */
async function readForProvider(referralId: string, input: CheckedInput, context: HubContext) {
  const provider = organisation(input.entry.providerOrg)!;
  const recipient: HubRequest = {
    requestId: context.hubRequest.requestId,
    // The provider organisation as the recipient (one user per provider, so its plans are cached);
    // the log names the referral it receives as the user (`record(referralId)` below).
    requester: {
      issuer: REFERRAL_ISSUER,
      userId: `${provider.id}/referrals`,
      org: provider.id,
      partner: provider.partner,
      roles: ['CASEWORKER'],
    },
    // The disclosure is made on the referrer's approval, for the referral's purpose.
    approval: { ...context.hubRequest.approval!, purposes: [REFERRAL_PURPOSE] },
    purpose: REFERRAL_PURPOSE,
    lawfulBasis: null,
    caseRef: input.caseRef,
    agreementStates: context.hubRequest.agreementStates,
  };
  const read = await context.readAsRecipient(referralQuery(input.fields), { id: input.subjectId }, recipient);
  if (read.refused) throw asError(read.refused.errors?.[0]);
  const planned = firstWithheld(read.plan.nodes);
  if (planned) throw refusal(planned.coordinate, planned.withheld, input.entry);
  for (const error of read.shaped.result.errors ?? []) {
    const code = error.extensions?.code;
    if (code === 'FORBIDDEN' && typeof error.extensions.rule === 'string')
      throw refusal(String(error.path?.join('.') ?? 'a field'), error.extensions as unknown as Withheld, input.entry);
    throw asError(error);
  }
  for (const disclosure of read.shaped.disclosures) {
    for (const [coordinate, withheld] of disclosure.withheld) throw refusal(coordinate, withheld, input.entry);
  }
  const disclosed = read.shaped.disclosures.some((d) => d.fields.size > 0);
  if (!disclosed)
    throw new BadUserInputError(`the partners hold none of ${input.fields.map((f) => f.name).join(', ')} for ${input.subjectId}`);
  const person = (read.shaped.result.data?.person ?? null) as Record<string, unknown> | null;
  const values = Object.fromEntries(input.fields.map((f) => [f.name, valueOf(person, f)]));
  return { values, record: (as: { initiator: { userId: string; org: string } }) => read.record({ requesterId: referralId, ...as }) };
}

function firstWithheld(nodes: PlanNode[]): { coordinate: string; withheld: Withheld } | undefined {
  for (const node of nodes) {
    if (node.hidden) continue;
    if (node.withheld) return { coordinate: node.coordinate, withheld: node.withheld };
    const below = firstWithheld(node.children);
    if (below) return below;
  }
  return undefined;
}

function refusal(coordinate: string, withheld: Withheld, entry: DirectoryEntry): ForbiddenError {
  return new ForbiddenError(
    `${entry.providerOrg} may not receive ${coordinate} on this referral (${withheld.rule}): ${withheld.reason}. Nothing was shared and no place is held.`,
    { rule: withheld.rule, agreement: withheld.agreement, field: coordinate },
  );
}

function asError(error: GraphQLError | undefined): Error {
  if (error instanceof HubError) return error;
  const code = error?.extensions?.code;
  if (code === 'SUBGRAPH_UNAVAILABLE')
    return new SubgraphUnavailableError(
      String(error?.extensions?.subgraph ?? 'a partner'),
      (error?.extensions?.reason as 'down') ?? 'down',
    );
  if (typeof code === 'string' && error) return error;
  return new GraphQLError('the referral could not be read from the partners', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/** Holds a place; a partner that does not answer may still have held one, so the hold is released on the way out. */
async function holdPlace(
  context: HubContext,
  entry: DirectoryEntry,
  hold: { holdKey: string; referralId: string; expiresAt: Date },
): Promise<{ expiresAt: string }> {
  let answer: PlaceAnswer;
  try {
    answer = await askPlaces(context, entry.operator, {
      action: 'hold',
      serviceId: entry.id,
      key: hold.holdKey,
      referralId: hold.referralId,
      expiresAt: hold.expiresAt.toISOString(),
    });
  } catch (error) {
    await releaseQuietly(context, entry, hold.holdKey);
    throw error;
  }
  if (answer.outcome === 'HELD') return answer;
  if (answer.outcome === 'NO_PLACE')
    throw new ConflictError(`no place available at ${entry.name} now: nothing was shared and no place is held`);
  if (answer.outcome === 'UNKNOWN_SERVICE') throw new BadUserInputError(`${entry.operator} does not run ${entry.id}`);
  throw new ConflictError(`${entry.name} did not hold a place (${answer.outcome})`);
}

async function releaseQuietly(context: HubContext, entry: DirectoryEntry, key: string): Promise<void> {
  try {
    await askPlaces(context, entry.operator, { action: 'release', serviceId: entry.id, key });
  } catch {
    // The partner is down: a hold it may have made expires on its own.
  }
}

function view(referral: StoredReferral, viewer: 'referrer' | 'provider', now: Date) {
  const entry = SUPPORT_DIRECTORY.find((s) => s.id === referral.serviceId);
  return {
    id: referral.id,
    status: statusAt(referral, now),
    service: { id: referral.serviceId, name: entry?.name ?? referral.serviceId, providerOrg: referral.providerOrg },
    createdAt: referral.createdAt,
    referrerOrg: referral.referrer.org,
    subjectId: viewer === 'referrer' ? referral.subjectId : null,
    holdExpiresAt: referral.holdExpiresAt,
    sharedFields: referral.sharedFields,
    // The referrer chose the fields but may not see every value (they are what the provider may receive).
    sharedValues:
      viewer === 'provider' && referral.sharedValues
        ? Object.entries(referral.sharedValues).map(([field, value]) => ({ field, value: value === null ? null : JSON.stringify(value) }))
        : null,
    needs: referral.needs,
    decidedReason: referral.decidedReason,
    decidedAt: referral.decidedAt,
  };
}
