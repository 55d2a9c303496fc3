import { createHash } from 'node:crypto';
import { AuditUnavailableError, ForbiddenError, requestLogger, soleControllerOf } from '@hub/shared';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Pool } from 'pg';
import type { DraftDisclosure } from '../../audit/disclosure-record';
import type { HubContext } from '../../pipeline/hub-context';
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
export async function recordProviderViews(context: HubContext, info: GraphQLResolveInfo, read: readonly StoredReferral[]): Promise<void> {
  const referrals = shownIn(context, info, read);
  if (referrals.length === 0) return;
  const records = await readersRecords(context, referrals);
  requireViewConditions(context, records);
  let drafts: DraftDisclosure[];
  try {
    drafts = referrals.flatMap((referral) => viewDrafts(context, referral, records.get(referral.id) ?? []));
    if (drafts.length === 0) return;
    await context.audit!.log.append(drafts);
  } catch (error) {
    throw logUnavailable(error);
  }
  // The values are those partners' data: the response is marked and conditioned as theirs.
  context.carries(drafts.map((d) => d.owner));
}

/**
 * Before a decision is stored: if its answer would show the values without what their rules ask
 * of the reader (a purpose, a case reference), refuse now, not after the decision is made (red
 * team, 2 December: a decline stored behind a FORBIDDEN).
 */
export async function checkViewBeforeDeciding(context: HubContext, info: GraphQLResolveInfo, referral: StoredReferral): Promise<void> {
  const shown = shownIn(context, info, [referral]);
  if (shown.length > 0) requireViewConditions(context, await readersRecords(context, shown));
}

/** The referrals whose values this operation shows the reader: it selects them, and they were decided for the reader's role (values-shown-to.ts). */
function shownIn(context: HubContext, info: GraphQLResolveInfo, read: readonly StoredReferral[]): StoredReferral[] {
  const asked = selects(
    info.fieldNodes.map((f) => f.selectionSet),
    info,
    'sharedValues',
  );
  return asked ? read.filter((r) => valuesShownTo(r, context.principal.roles)) : [];
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
 * their conditions on the request too: a rule that requires a case reference requires one of the
 * reader (attacker pass, 2 December: a council lead read a referral's values with none, logged under
 * a rule that requires one). A rule the agreements no longer name, or values no record names,
 * require one too: fail closed.
 */
function requireViewConditions(context: HubContext, records: ReadonlyMap<string, readonly Controlled[]>): void {
  if (context.hubRequest.caseRef) return;
  const needing = new Set<string>();
  for (const list of records.values()) {
    if (list.length === 0) needing.add('no record');
    for (const record of list) for (const id of record.ruleIds) if (ruleRequiresCaseRef(context, id)) needing.add(id);
  }
  if (needing.size > 0)
    throw new ForbiddenError(
      `a referral's shared details are shown only under a case reference (X-Hub-Case-Ref), as the rules they were disclosed under require (${[...needing].sort().join(', ')}); give yours, or ask for the referrals without sharedValues`,
    );
}

function ruleRequiresCaseRef(context: HubContext, ruleId: string): boolean {
  const rules = context.policy.agreements.flatMap((a) => a.rules).filter((r) => r.id === ruleId);
  return rules.length === 0 || rules.some((r) => r.requireCaseRef || r.caseRefs);
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
    lawfulBases: [...bases].sort(),
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

/** Whether the operation asks for `name` anywhere below these selections, through fragments too (over-asking logs, never under). */
function selects(
  sets: readonly (SelectionSetNode | undefined)[],
  info: GraphQLResolveInfo,
  name: string,
  seen = new Set<string>(),
): boolean {
  for (const set of sets) {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name || selects([selection.selectionSet], info, name, seen)) return true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selects([selection.selectionSet], info, name, seen)) return true;
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        if (selects([info.fragments[selection.name.value]?.selectionSet], info, name, seen)) return true;
      }
    }
  }
  return false;
}
