import { createHash } from 'node:crypto';
import { AuditUnavailableError, ForbiddenError, requestLogger, soleControllerOf } from '@hub/shared';
import { Kind, responsePathAsArray, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Pool } from 'pg';
import type { DraftDisclosure } from '../../audit/disclosure-record';
import type { HubContext } from '../../pipeline/hub-context';
import { missingFor, type MissingCondition } from '../../policy/decide-field';
import { REFERRAL_FIELD_NAMES } from './referral-fields';
import { REFERRAL_PURPOSE } from './referral-recipient';
import type { StoredReferral } from './referral-store';
import { decidedForReader, valuesShownTo } from './values-shown-to';

/**
 * A provider's view of a referral (its inbox, the answer to its decision) carries the values the
 * referrer shared: personal data, disclosed again to whoever reads it. So it is logged like any
 * disclosure (docs/disclosure-log.md), before the answer leaves, and if the log cannot take it the
 * answer does not leave (AUDIT_UNAVAILABLE).
 */
export async function recordProviderViews(
  context: HubContext,
  info: GraphQLResolveInfo,
  read: readonly StoredReferral[],
  /** The readers' records checkViewBeforeDeciding already read: a decision's answer asks the log once. */
  known?: ReadonlyMap<string, readonly Controlled[]>,
): Promise<void> {
  const referrals = shownIn(context, info, read);
  if (referrals.length === 0) return;
  const records = known ?? (await readersRecords(context, referrals));
  requireViewConditions(context, records);
  const drafts = referrals.flatMap((referral) => viewDrafts(context, referral, records.get(referral.id) ?? []));
  // Committed with the response's own records before it leaves, under its receipt (red team, 2
  // December: these reads carried none); the response does not leave if the log cannot take them.
  // The values are those partners' data: the response is marked and conditioned as theirs.
  context.records(drafts, responsePathAsArray(info.path));
}

/**
 * Before a decision is stored: if its answer would show the values without what their rules ask
 * of the reader (a purpose, a case reference, the declared basis), refuse now, not after the
 * decision is made (red team, 2 December: a decline stored behind a FORBIDDEN). Returns the
 * records it read, for the answer's recordProviderViews.
 */
export async function checkViewBeforeDeciding(
  context: HubContext,
  info: GraphQLResolveInfo,
  referral: StoredReferral,
): Promise<ReadonlyMap<string, readonly Controlled[]> | undefined> {
  const shown = shownIn(context, info, [referral]);
  if (shown.length === 0) return undefined;
  const records = await readersRecords(context, shown);
  requireViewConditions(context, records);
  return records;
}

/** The referrals whose values this operation shows the reader: it selects them, and they were decided for the reader's role (values-shown-to.ts). */
function shownIn(context: HubContext, info: GraphQLResolveInfo, read: readonly StoredReferral[]): StoredReferral[] {
  // The values are in `value`: `sharedValues { field }` shows which fields were shared, as
  // `sharedFields` does, and is no disclosure to log (red team, 2 December: logged as one).
  const sharedValues = fieldSets(
    info.fieldNodes.map((f) => f.selectionSet),
    info,
    'sharedValues',
  );
  const asked = fieldSets(sharedValues, info, 'value').length > 0;
  return asked ? read.filter((r) => valuesShownTo(r, context.principal.roles, context.now)) : [];
}

/**
 * The records each shown referral's disclosure made for a role of the reader's: the reader's view
 * repeats them (one of theirs the referral was decided for). Read from the log, so without one
 * nothing is shown (AUDIT_UNAVAILABLE), and the purpose is checked before the log is asked.
 */
async function readersRecords(context: HubContext, referrals: readonly StoredReferral[]): Promise<Map<string, Controlled[]>> {
  requireViewPurpose(context);
  if (!context.audit) throw new AuditUnavailableError('this gateway keeps no disclosure log, so referrals are not shown to providers');
  let controllers: Map<string, Controlled[]>;
  try {
    controllers = await controllersOfReferrals(context.audit.pool, referrals);
  } catch (error) {
    throw logUnavailable(error);
  }
  const mine = (c: Controlled) => decidedForReader(c.roles, context.principal.roles);
  return new Map(referrals.map((r) => [r.id, (controllers.get(r.id) ?? []).filter(mine)]));
}

function logUnavailable(error: unknown): AuditUnavailableError {
  requestLogger('gateway').error({ err: error }, 'disclosure log unavailable; referral values not shown');
  return new AuditUnavailableError(
    'The disclosure log cannot record this read of referrals, so their details are not shown. Try again shortly.',
  );
}

/** The values were disclosed to the provider for one purpose (rule 7): shown again only for it. */
function requireViewPurpose(context: HubContext): void {
  if (context.hubRequest.purpose !== REFERRAL_PURPOSE)
    throw new ForbiddenError(
      `a referral's shared details are shown only for the purpose they were disclosed for (${REFERRAL_PURPOSE}); ask for the referrals without sharedValues, or choose that purpose`,
    );
}

/**
 * The reader's view is a disclosure under the rules the referral's own records name, so it meets
 * what each of them asks of the request (decide-field.ts, missingFor) (attacker pass, 2 December):
 * - a case reference, where one requires one (a council lead read values with none, logged under a
 *   rule that requires one);
 * - the lawful basis the reader declares (X-Hub-Lawful-Basis), which every one must rest on (read
 *   under another basis, logged under the rules' own);
 * - the purpose, and the case a disclosure on request is for.
 * A rule the agreements no longer name, a record naming no rule, or values no record names: no
 * rule stands behind the view, and it is refused whatever the request says (fail closed).
 */
function requireViewConditions(context: HubContext, records: ReadonlyMap<string, readonly Controlled[]>): void {
  const missing = new Map<MissingCondition['condition'], Set<string>>();
  const unknown = new Set<string>();
  for (const list of records.values()) {
    // Only the records the view repeats (viewDrafts): one that disclosed nothing re-discloses nothing.
    const disclosing = list.filter((r) => r.fields.length > 0);
    if (disclosing.length === 0) unknown.add('no record');
    for (const record of disclosing) {
      if (record.ruleIds.length === 0) unknown.add('no rule');
      for (const id of record.ruleIds) {
        const rule = context.policy.rulesById.get(id);
        if (!rule) unknown.add(id);
        else
          for (const { condition } of missingFor(rule, context.hubRequest))
            missing.set(condition, (missing.get(condition) ?? new Set()).add(id));
      }
    }
  }
  const named = (ids: Set<string> | undefined) => [...(ids ?? [])].sort().join(', ');
  if (unknown.size > 0)
    throw new ForbiddenError(
      `a referral's shared details are shown only under the rules they were disclosed under, and no rule of the agreements stands behind them now (${named(unknown)})`,
    );
  if (missing.has('caseRef'))
    throw new ForbiddenError(
      `a referral's shared details are shown only under a case reference (X-Hub-Case-Ref), as the rules they were disclosed under require (${named(missing.get('caseRef'))}); give yours, or ask for the referrals without sharedValues`,
    );
  if (missing.has('lawfulBasis'))
    throw new ForbiddenError(
      `a referral's shared details are shown under lawful basis ${context.hubRequest.lawfulBasis} only if every rule they were disclosed under rests on it, and ${named(missing.get('lawfulBasis'))} do not; ask without X-Hub-Lawful-Basis, or without sharedValues`,
    );
  if (missing.has('purpose'))
    throw new ForbiddenError(
      `a referral's shared details are shown only for a purpose every rule they were disclosed under lists, and ${named(missing.get('purpose'))} do not list ${context.hubRequest.purpose}`,
    );
}

/** What the referral's own disclosure recorded, per owner: whose data (controller) each field was. */
interface Controlled {
  /** The provider's roles the record was decided for. */
  roles: string[];
  /** The rules the record was decided under. */
  ruleIds: string[];
  owner: string;
  controller: string | null;
  fields: string[];
  lawfulBases: string[];
}

/**
 * The data controllers of what each referral shared, as its disclosure to the provider recorded
 * them (the referral is that record's requester): the stored values no longer say which charity's
 * episode a value came from, the log does. One query for all the referrals read.
 */
async function controllersOfReferrals(pool: Pool, referrals: readonly StoredReferral[]): Promise<Map<string, Controlled[]>> {
  const ids = referrals.map((r) => r.id);
  const { rows } = await pool.query<{
    requester_id: string;
    requester_roles: string[];
    rule_ids: string[];
    owner: string;
    controller_org: string | null;
    fields_disclosed: string[];
    lawful_bases: string[];
  }>(
    `SELECT requester_id, requester_roles, rule_ids, owner, controller_org, fields_disclosed, lawful_bases FROM disclosure_records WHERE requester_id = ANY($1::text[])`,
    [ids],
  );
  const byReferral = new Map<string, Controlled[]>();
  for (const row of rows) {
    const list = byReferral.get(row.requester_id) ?? [];
    list.push({
      roles: row.requester_roles,
      ruleIds: row.rule_ids,
      owner: row.owner,
      controller: row.controller_org,
      fields: row.fields_disclosed,
      lawfulBases: row.lawful_bases,
    });
    byReferral.set(row.requester_id, list);
  }
  return byReferral;
}

/**
 * One record per (referral, owner, data controller): the reader as the requester, the referral as
 * the rule that let them see it. The reader sees what the referral disclosed to the provider, so
 * each record repeats the fields and lawful bases of the referral's own record for that owner and
 * controller, down to the leaves (`PersonName.fullName`, not only `PoliceRecord.names`), so that
 * `recipientsOf` finds the reader under any of them (red team, 2 December: top-level coordinates
 * and no basis). A shared value no such record names (from before records named every leaf) falls
 * back to its owner by the schema and the owner's one organisation, or null.
 */
function viewDrafts(context: HubContext, referral: StoredReferral, controlled: readonly Controlled[]): DraftDisclosure[] {
  if (!referral.sharedValues) return [];
  const { hubRequest } = context;
  // Each field under the owner and controller the referral's own disclosure recorded it with (a
  // shared value type such as PersonName.fullName has no owner of its own: the record says whose
  // it was); a field that record does not name, under its owner by the schema, or the operator.
  const byRecord = new Map<string, { owner: string; controller: string | null; fields: Set<string>; bases: Set<string> }>();
  const add = (owner: string, controller: string | null, coordinates: readonly string[], bases: readonly string[]) => {
    const key = `${owner}\u0000${controller}`;
    const entry = byRecord.get(key) ?? { owner, controller, fields: new Set<string>(), bases: new Set<string>() };
    for (const coordinate of coordinates) entry.fields.add(coordinate);
    for (const basis of bases) entry.bases.add(basis);
    byRecord.set(key, entry);
  };
  for (const record of controlled) if (record.fields.length > 0) add(record.owner, record.controller, record.fields, record.lawfulBases);
  for (const [name, value] of Object.entries(referral.sharedValues)) {
    if (value === null || value === undefined) continue;
    const coordinate = REFERRAL_FIELD_NAMES[name] ?? name;
    if (controlled.some((c) => c.fields.includes(coordinate))) continue;
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const owner = context.ownership.ownerOf(typeName, fieldName) ?? referral.operator;
    add(owner, soleControllerOf(owner), [coordinate], []);
  }
  const operationHash = createHash('sha256').update(context.operation.source).digest('hex');
  return [...byRecord.values()].map(({ owner, controller, fields, bases }) => ({
    occurredAt: new Date().toISOString(),
    requestId: hubRequest.requestId,
    operationName: context.operation.name,
    operationHash,
    requesterId: hubRequest.requester.userId,
    requesterOrg: hubRequest.requester.org,
    requesterRoles: [...hubRequest.requester.roles],
    purpose: hubRequest.purpose,
    // Under the basis the reader declared, which every rule of these records rests on (requireViewConditions).
    lawfulBases: hubRequest.lawfulBasis ? [hubRequest.lawfulBasis] : [...bases].sort(),
    caseRef: hubRequest.caseRef,
    agreements: [],
    ruleIds: [referral.id],
    owner,
    subjectType: 'Person',
    subjectId: referral.subjectId,
    fieldsDisclosed: [...fields].sort(),
    withheldJson: '[]',
    // The reader asked for it themselves: no initiator (the referral, in the rules, ties it to the referrer).
    initiatorId: null,
    initiatorOrg: null,
    controllerOrg: controller,
  }));
}

/**
 * The selection sets of the fields named `name` anywhere below these selections, through fragments
 * too, whatever their directives (over-asking logs, never under): none when it is not asked.
 */
function fieldSets(
  sets: readonly (SelectionSetNode | undefined)[],
  info: GraphQLResolveInfo,
  name: string,
  seen = new Set<string>(),
): (SelectionSetNode | undefined)[] {
  const found: (SelectionSetNode | undefined)[] = [];
  for (const set of sets) {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) found.push(selection.selectionSet);
        else found.push(...fieldSets([selection.selectionSet], info, name, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        found.push(...fieldSets([selection.selectionSet], info, name, seen));
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        found.push(...fieldSets([info.fragments[selection.name.value]?.selectionSet], info, name, seen));
      }
    }
  }
  return found;
}
