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
  SUPPORT_DIRECTORY,
  type DirectoryEntry,
  type PlaceAnswer,
  type Role,
} from '@hub/shared';
import type { GraphQLResolveInfo } from 'graphql';
import type { HubContext } from '../../pipeline/hub-context';
import { storeOn, actorOf, requireApproved, requireMayCall } from '../workflow-context';
import type { Actor } from '../workflow-history';
import { askPlaces } from './partner-places';
import { capacityMessage } from './capacity-message';
import { checkViewBeforeDeciding, recordProviderViews } from './provider-view-log';
import { readSharedFields, referralQuery, type SharedField } from './referral-fields';
import { newWorkflowId } from '../workflow-id';
import { planForProvider, readForProvider, REFERRAL_PURPOSE, type ProviderRead } from './referral-recipient';
import { RecordRefusal, refusalDrafts, uniformRefusal, type Attempt, type RefusalCause } from './referral-refusal';
import { liveInOwnOrganisation } from './own-live-referral';
import { planReferrerRecord, requireReferrerRecord } from './referrer-record';
import { ReferralConflict, ReferralStore, statusAt, type StoredReferral } from './referral-store';
import { valuesShownTo } from './values-shown-to';

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
    async referrals(
      _root: unknown,
      args: { box: 'INBOX' | 'SENT'; first?: number | null; after?: string | null },
      context: HubContext,
      info: GraphQLResolveInfo,
    ) {
      requireApproved(context);
      const first = Math.min(Math.max(args.first ?? 20, 1), 100);
      const viewer = args.box === 'SENT' ? 'referrer' : 'provider';
      // The inbox carries what was shared with the provider: only its staff who may answer it (W6)
      // see it; what one referred, only whoever may refer (W5).
      if (viewer === 'provider') requireMayCall(context, 'Mutation.decideReferral', `${context.principal.org}'s referral inbox`);
      else requireMayCall(context, 'Mutation.referToService', 'the referrals you made');
      const where = viewer === 'referrer' ? { referrer: actorOf(context) } : { providerOrg: context.principal.org };
      const referrals = await referralStore(context).list(where, first + 1, args.after ?? null);
      const page = referrals.slice(0, first);
      if (viewer === 'provider') await recordProviderViews(context, info, page);
      return {
        edges: page.map((referral) => ({ cursor: referral.id, node: view(referral, viewer, context) })),
        pageInfo: { hasNextPage: referrals.length > first, endCursor: page.at(-1)?.id ?? null },
      };
    },
  },

  Mutation: {
    async referToService(_root: unknown, args: { input: ReferralInput }, context: HubContext, info: GraphQLResolveInfo) {
      requireApproved(context);
      // Errors up to here depend only on the request (service, fields, key, case reference): they reveal nothing of anyone's records.
      const input = readInput(args.input, context, info);
      const store = referralStore(context);
      const referrer = actorOf(context);
      const holdKey = createHash('sha256').update(`${referrer.issuer}|${referrer.userId}|${input.idempotencyKey}`).digest('hex');
      const attempt = attemptOf(newWorkflowId('REF', context.now), input, referrer);

      // 1. What the request alone decides, before anything that depends on records (docs/policy.md
      // §8): whether a rule can give the provider each field at all, and whether the referrer's role
      // sees their organisation's records of a person. The same for every subject, so it names its rule.
      let alsoReaders: Role[];
      try {
        alsoReaders = await planForProvider(input.entry, input.subjectId, input.fields, input.caseRef, context);
        await planReferrerRecord(input.subjectId, input.caseRef, context);
      } catch (error) {
        throw await refused(attempt, error, context);
      }

      // 2. The referral, under the client's key: a retry (or the same request twice at once) finds it.
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
      let opened = await store.open(attempt.id, opening, context.now);
      if (opened.kind === 'sameKey') {
        const existing = await existingReferral(store, referrer, input, context.now);
        if (existing) return view(existing, 'referrer', context);
        // The first attempt was abandoned mid-way (its process died): this one starts afresh, under the
        // same key, so the partner finds any hold that attempt made rather than holding a second place.
        opened = await store.open(attempt.id, opening, context.now);
        if (opened.kind === 'sameKey')
          throw new ConflictError('the same referral is being made by another request: ask for it again shortly');
      }
      try {
        // Only the referrer's own organisation's live referral can stand in the way (the store's
        // guard is per organisation), and it is that organisation's own data: they are told.
        if (opened.kind === 'live') throw liveInOwnOrganisation(opened.existing, referrer, input.entry);
        await makeReferral(attempt.id, holdKey, { ...input, alsoReaders }, context, store);
      } catch (error) {
        if (opened.kind === 'opened') await store.discard(attempt.id);
        throw await refused(attempt, error, context);
      }
      return view((await store.get(attempt.id))!, 'referrer', context);
    },

    async decideReferral(
      _root: unknown,
      args: { id: string; accept: boolean; reason?: string | null },
      context: HubContext,
      info: GraphQLResolveInfo,
    ) {
      requireApproved(context);
      const store = referralStore(context);
      const found = await store.get(args.id);
      if (!found || found.providerOrg !== context.principal.org || found.status === 'OPENING')
        throw new BadUserInputError(`no referral ${args.id.slice(0, 40)} to ${context.principal.org}'s services`);
      const viewRecords = await checkViewBeforeDeciding(context, info, found);
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
              throw new ConflictError(
                answer.holdLive
                  ? `${entry.name} has no free place left to give this referral: its places were set below those held for pending referrals. Free a place (update the service's capacity) or decline it.`
                  : `the hold on ${entry.name} has ended and the service has no place free now: it cannot be accepted`,
              );
            if (args.accept && answer.outcome !== 'TAKEN') throw new ConflictError(`${entry.name} has no place held for ${args.id}`);
            // A decline of a hold already ended is still a decline: its place is not held either way.
          },
        );
      } catch (error) {
        if (error instanceof ReferralConflict) throw new ConflictError(error.message);
        throw error;
      }
      const decided = (await store.get(args.id))!;
      await recordProviderViews(context, info, [decided], viewRecords);
      return view(decided, 'provider', context);
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
      return { serviceId: entry.id, ...answer, message: capacityMessage(entry, answer) };
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

function attemptOf(id: string, input: CheckedInput, referrer: Actor): Attempt {
  return {
    id,
    entry: input.entry,
    subjectId: input.subjectId,
    fields: input.fields,
    caseRef: input.caseRef,
    purpose: REFERRAL_PURPOSE,
    referrer,
    source: referralQuery(input.fields),
  };
}

/**
 * The referral itself, once the request's own checks have passed. Every attempt takes the same
 * steps in the same order, whatever the records say, so that neither the answer nor the partners
 * asked nor the time taken tells one reason from another: the place is held first ("no place"
 * then depends on the service alone), then the referrer's own record and the provider's fields are
 * both read, and only then is anything record-dependent decided. Any failure after the hold gives
 * the place back.
 */
async function makeReferral(
  id: string,
  holdKey: string,
  input: CheckedInput & { alsoReaders: Role[] },
  context: HubContext,
  store: ReferralStore,
): Promise<void> {
  // 3. The place, in the partner that runs the service, in its own transaction.
  // The hold's end is decided here, by the hub's clock (the one tests move), and stored with the
  // hold as a time: the partner counts a hold only while its end is ahead of its own clock, so
  // expiry needs no sweeper, and a hold made "73 hours ago" by a test clock is already released.
  const expiresAt = new Date(context.now.getTime() + environment().referralHoldHours * 3_600_000);
  const held = await holdPlace(context, input.entry, { holdKey, referralId: id, expiresAt });
  try {
    // 4. Whether the referrer works with the person, and what the provider may receive: both read, always.
    const read = await readBoth(input, context);
    // 5. The disclosure, durably, before anything is answered; if the log cannot take it, the place goes back.
    const referrer = actorOf(context);
    try {
      await read.record(id, { userId: referrer.userId, org: referrer.org });
    } catch (error) {
      requestLogger('gateway').error({ err: error }, 'disclosure log unavailable; referral not made');
      throw new AuditUnavailableError(
        'The disclosure log cannot record this referral, so nothing was shared and no place is held. Try again shortly.',
      );
    }
    // The hub's store failing here leaves the log's record standing (the values were read for the
    // provider), but no referral exists, so the place goes back like any other failure.
    await store.confirm(id, { values: read.values, forRoles: read.forRoles }, new Date(held.expiresAt), referrer, context.now);
  } catch (error) {
    await releaseQuietly(context, input.entry, holdKey);
    throw error;
  }
}

/**
 * The referrer's record and the provider's read, side by side, each run to its end whatever the
 * other finds (the same partner calls for every attempt). A failure that is not a refusal (a
 * partner down) is reported first, as it would be for anyone; then the referrer's relationship,
 * then the provider's fields.
 */
async function readBoth(input: CheckedInput & { alsoReaders: Role[] }, context: HubContext): Promise<ProviderRead> {
  const [own, provider] = await Promise.allSettled([
    requireReferrerRecord(input.subjectId, input.caseRef, context),
    readForProvider(input.entry, input.subjectId, input.fields, input.caseRef, input.alsoReaders, context),
  ]);
  for (const outcome of [own, provider])
    if (outcome.status === 'rejected' && !(outcome.reason instanceof RecordRefusal)) throw outcome.reason;
  if (own.status === 'rejected') throw own.reason;
  if (provider.status === 'rejected') throw provider.reason;
  return provider.value;
}

/**
 * Every attempt that did not become a referral leaves a record in the log, with the rule and the
 * real reason for auditors (docs/disclosure-log.md), before the caller is answered. A refusal
 * decided on record data is answered with the one uniform refusal; any other keeps its own error,
 * which depends only on the request or the service. If the log cannot take the record, nothing
 * is answered but AUDIT_UNAVAILABLE.
 */
async function refused(attempt: Attempt, error: unknown, context: HubContext): Promise<unknown> {
  // Only a HubError carries the caller's own answer (a RecordRefusal is turned into the uniform one).
  const cause = { ...causeOf(error), requestOnly: error instanceof HubError };
  if (!(error instanceof AuditUnavailableError)) {
    try {
      if (!context.audit) throw new Error('this gateway keeps no disclosure log');
      await context.audit.log.append(refusalDrafts(attempt, cause, context, new Date()));
    } catch (logError) {
      requestLogger('gateway').error({ err: logError }, 'disclosure log unavailable; a refused referral attempt could not be recorded');
      return new AuditUnavailableError('The disclosure log cannot record this referral attempt, so it is not answered. Try again shortly.');
    }
  }
  return error instanceof RecordRefusal ? uniformRefusal(attempt.entry) : error;
}

function causeOf(error: unknown): RefusalCause {
  if (error instanceof RecordRefusal) return error.refusal;
  if (error instanceof HubError) {
    const rule =
      typeof error.extensions.rule === 'string' ? error.extensions.rule : `referral-${String(error.extensions.code).toLowerCase()}`;
    const agreement = typeof error.extensions.agreement === 'string' ? error.extensions.agreement : null;
    return { rule, agreement, reason: error.message };
  }
  return {
    rule: 'referral-error',
    agreement: null,
    reason: 'the referral failed on an unexpected error (see the gateway log under this request id)',
  };
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

function view(referral: StoredReferral, viewer: 'referrer' | 'provider', context: HubContext) {
  const now = context.now;
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
      viewer === 'provider' && valuesShownTo(referral, context.principal.roles, now)
        ? Object.entries(referral.sharedValues!).map(([field, value]) => ({ field, value: value === null ? null : JSON.stringify(value) }))
        : null,
    needs: referral.needs,
    decidedReason: referral.decidedReason,
    decidedAt: referral.decidedAt,
  };
}
