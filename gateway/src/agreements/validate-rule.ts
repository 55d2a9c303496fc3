import { LAWFUL_BASES, PURPOSES, ROLES, SUBGRAPH_NAMES, type Purpose } from '@hub/shared';
import type { GraphQLSchema } from 'graphql';
import { RECORD_CONDITIONS } from '../policy/conditions/registry';
import type { FieldRule } from './agreement.types';
import { coordinateProblem, coordinatesOverlap, expand } from './field-coordinates';
import { conditionProblem, unnamedLinks } from './rule-reach';
import type { YamlMapping } from './yaml-mapping';

const RULE_KEYS = [
  'id',
  'description',
  'clause',
  'effect',
  'owner',
  'fields',
  'recipients',
  'except',
  'purposes',
  'lawfulBases',
  'requireCaseRef',
  'when',
  'signpost',
];
const AUDIENCE_KEYS = ['orgs', 'partners', 'roles'];
const EFFECTS = ['allow', 'deny'] as const;
const RULE_ID = /^R\d+[a-z]?-[a-z0-9-]+$/;

/** What a rule is checked against: the schema and the agreement around it. */
export interface RuleContext {
  schema: GraphQLSchema;
  parties: readonly string[];
  purposes: readonly Purpose[];
  publicFields: readonly string[];
}

type Audience = FieldRule['recipients'];

/** Reads and checks one rule, reporting every problem through `rule`. */
export function readRule(rule: YamlMapping, context: RuleContext): FieldRule {
  rule.rejectUnknownKeys(RULE_KEYS);
  const id = rule.string('id', (v) =>
    RULE_ID.test(v) ? undefined : `rule id '${v}' must look like R<n>[letter]-<words>, e.g. R3-police-intelligence`,
  );
  const effect = rule.choice('effect', EFFECTS);
  const allows = effect === 'allow';
  const owner = rule.optionalChoice('owner', SUBGRAPH_NAMES);
  if (allows && !rule.has('owner')) rule.report(rule.line, 'an allow rule must name its owner (whose data it releases)');
  const lawfulBases = rule.optionalMembers('lawfulBases', LAWFUL_BASES, 'lawful basis');
  if (allows && !rule.has('lawfulBases')) rule.report(rule.line, 'an allow rule must name its lawfulBases');
  const fields = rule.strings('fields', {
    check: (c) => coordinateProblem(context.schema, c) ?? publicOverlap(c, allows, rule.has('when'), context),
  });
  const when = rule.optionalMembers('when', [...RECORD_CONDITIONS.keys()], 'condition');
  checkReach(rule, { fields, when, allows }, context);
  const signpost = readSignpost(rule, { when, allows });
  return withoutUndefined({
    id,
    description: rule.string('description'),
    clause: rule.optionalString('clause'),
    // Placeholder only: a missing or unknown effect has been reported, so this never loads.
    effect: effect ?? 'deny',
    owner,
    fields,
    recipients: readRecipients(rule, allows, context),
    except: readExcept(rule, allows, context),
    purposes: rule.optionalStrings('purposes', { check: (p) => purposeProblem(p, context) })?.filter(isAgreementPurpose(context)),
    lawfulBases,
    requireCaseRef: rule.optionalBoolean('requireCaseRef'),
    when,
    signpost,
    line: rule.line,
  });
}

/**
 * What the rule reaches: an allow may not share a link to another subject without naming it, and
 * each condition must be decidable where the rule's fields are (docs/policy.md §3, §6).
 */
function checkReach(
  rule: YamlMapping,
  read: { fields: string[]; when: string[] | undefined; allows: boolean },
  context: RuleContext,
): void {
  const valid = read.fields.filter((c) => coordinateProblem(context.schema, c) === undefined);
  const expanded = expand(valid, context.schema);
  if (read.allows) {
    for (const link of unnamedLinks(valid, expanded, context.schema)) {
      rule.report(
        rule.lineOfKey('fields'),
        `the fields reach the link ${link} to another subject without naming it: name it in fields to share the link (docs/policy.md §3)`,
      );
    }
  }
  for (const name of read.when ?? []) {
    const condition = RECORD_CONDITIONS.get(name)!;
    for (const coordinate of expanded) {
      const problem = conditionProblem(condition, coordinate, context.schema);
      if (problem) rule.report(rule.lineOfKey('when'), problem);
    }
  }
}

/**
 * A signpost tells the requester that a deny withheld a value on its record. Only a deny waiting
 * for the record can signpost (any other denial already says so), and only where it is decided
 * once for the field: a per-item condition takes items out of a list, and there is no item left
 * to point at.
 */
function readSignpost(rule: YamlMapping, read: { when: string[] | undefined; allows: boolean }): boolean | undefined {
  const signpost = rule.optionalBoolean('signpost');
  if (signpost !== true) return signpost;
  const line = rule.lineOfKey('signpost');
  if (read.allows) rule.report(line, 'signpost is only for deny rules (it tells the requester a deny withheld a value)');
  else if (!read.when) rule.report(line, 'signpost needs when: a deny without record conditions is already told to the requester');
  const perItem = (read.when ?? []).filter((name) => RECORD_CONDITIONS.get(name)?.scope === 'item');
  if (perItem.length > 0)
    rule.report(
      line,
      `signpost cannot be used with ${perItem.join(', ')}: it is decided on each item, and a withheld item leaves nothing to point at`,
    );
  return signpost;
}

function readRecipients(rule: YamlMapping, allows: boolean, context: RuleContext): FieldRule['recipients'] {
  const recipients = rule.mapping('recipients', `${rule.subject}, recipients`);
  if (!recipients) return {};
  // `{}` means everyone: right for a deny (e.g. a restricted address), never for an allow.
  if (allows && recipients.keys().length === 0)
    rule.report(rule.lineOfKey('recipients'), 'an allow rule must name its recipients ({} means everyone)');
  return readAudience(recipients, context);
}

function readExcept(rule: YamlMapping, allows: boolean, context: RuleContext): FieldRule['except'] {
  if (!rule.has('except')) return undefined;
  if (allows) {
    rule.report(rule.lineOfKey('except'), 'except is only for deny rules');
    return undefined;
  }
  return rule
    .optionalMappings('except', (_, index) => `${rule.subject}, except[${index}]`)
    ?.map((exception) => {
      // An empty exception would exempt everyone and void the deny.
      if (exception.keys().length === 0) exception.report(exception.line, 'an except entry must name orgs, partners or roles');
      return readAudience(exception, context);
    });
}

/** `recipients` or one `except` entry: who a rule is about. */
export function readAudience(audience: YamlMapping, context: RuleContext): Audience {
  audience.rejectUnknownKeys(AUDIENCE_KEYS);
  return withoutUndefined({
    orgs: audience.optionalStrings('orgs', {
      check: (org) => (context.parties.includes(org) ? undefined : `recipient org '${org}' is not a party to the agreement`),
    }),
    partners: audience.optionalMembers('partners', SUBGRAPH_NAMES, 'partner'),
    roles: audience.optionalMembers('roles', ROLES, 'role'),
  });
}

export function purposeProblem(purpose: string, context: RuleContext): string | undefined {
  if (!(PURPOSES as readonly string[]).includes(purpose)) return `unknown purpose '${purpose}'`;
  return isAgreementPurpose(context)(purpose) ? undefined : `purpose '${purpose}' is not one of the agreement's purposes`;
}

export function isAgreementPurpose(context: RuleContext): (purpose: string) => purpose is Purpose {
  return (purpose): purpose is Purpose => (context.purposes as readonly string[]).includes(purpose);
}

/**
 * Public fields are decided before execution and never wrapped for record checks. An allow rule
 * on them is a mistake; a deny that waits for the record would be silently skipped, so it fails
 * the load instead (a plain deny on a public field is decided before execution and holds).
 */
function publicOverlap(coordinate: string, allows: boolean, conditional: boolean, context: RuleContext): string | undefined {
  if (!allows && !conditional) return undefined;
  const overlap = context.publicFields.find((p) => coordinatesOverlap(coordinate, p));
  if (!overlap) return undefined;
  const why = allows
    ? 'an allow rule about public data is a mistake'
    : 'public data is decided before execution, so a deny cannot wait for the record (drop `when`)';
  return `'${coordinate}' is public (publicFields has '${overlap}'): ${why}`;
}

/** Omitted keys stay omitted, so `'except' in rule` and `Object.keys(recipients)` mean what the file says. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
