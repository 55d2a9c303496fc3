import { ORGANISATIONS, PURPOSES } from '@hub/shared';
import type { GraphQLSchema } from 'graphql';
import type { Agreement, FieldRule, OperationRule } from './agreement.types';
import { readOperation } from './validate-operation';
import { coordinateProblem } from './field-coordinates';
import { addMonths, isIsoDate } from './iso-date';
import { readRule, type RuleContext } from './validate-rule';
import type { YamlMapping } from './yaml-mapping';

const AGREEMENT_KEYS = [
  'id',
  'version',
  'title',
  'parties',
  'signedOn',
  'effectiveFrom',
  'reviewBy',
  'status',
  'purposes',
  'handling',
  'publicFields',
  'rules',
  'operations',
];
const HANDLING_KEYS = ['marking', 'onwardDisclosure'];
const STATUSES = ['ACTIVE', 'SUSPENDED', 'TERMINATED'] as const;
const ID_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** ISA 13.4: reviewed no later than 24 months after signature. */
const MAX_MONTHS_TO_REVIEW = 24;

/** Reads and checks one agreement document, reporting every problem through `root`. */
export function readAgreement(root: YamlMapping, schema: GraphQLSchema, file: string): Agreement {
  root.rejectUnknownKeys(AGREEMENT_KEYS);
  const parties = root.strings('parties', {
    check: (p) => (ORGANISATIONS.some((o) => o.id === p) ? undefined : `unknown party '${p}' (not an organisation of the hub)`),
  });
  const purposes = root.members('purposes', PURPOSES, 'purpose');
  const publicFields = root.strings('publicFields', { allowEmpty: true, check: (c) => coordinateProblem(schema, c) });
  return {
    file,
    id: root.string('id', (v) => (ID_SLUG.test(v) ? undefined : `id '${v}' must be a lower-case slug, e.g. isa-msht-wm`)),
    version: root.positiveInteger('version'),
    title: root.string('title'),
    parties,
    ...readDates(root),
    // Placeholder only: a missing or unknown status has been reported, so this never loads.
    status: root.choice('status', STATUSES) ?? 'TERMINATED',
    purposes,
    handling: readHandling(root),
    publicFields,
    rules: readRules(root, { schema, parties, purposes, publicFields }),
    operations: readOperations(root, { schema, parties, purposes, publicFields }),
  };
}

function readDates(root: YamlMapping): Pick<Agreement, 'signedOn' | 'effectiveFrom' | 'reviewBy'> {
  const date = (key: string) => root.string(key, (v) => (isIsoDate(v) ? undefined : `${key} '${v}' is not a real date (YYYY-MM-DD)`));
  const dates = { signedOn: date('signedOn'), effectiveFrom: date('effectiveFrom'), reviewBy: date('reviewBy') };
  const { signedOn, effectiveFrom, reviewBy } = dates;
  if (!isIsoDate(signedOn)) return dates;
  if (isIsoDate(effectiveFrom) && effectiveFrom < signedOn) {
    root.report(root.lineOfKey('effectiveFrom'), `effectiveFrom ${effectiveFrom} is before signedOn ${signedOn}`);
  }
  if (isIsoDate(reviewBy)) {
    const latest = addMonths(signedOn, MAX_MONTHS_TO_REVIEW);
    if (reviewBy <= signedOn) root.report(root.lineOfKey('reviewBy'), `reviewBy ${reviewBy} must be after signedOn ${signedOn}`);
    if (reviewBy > latest) {
      root.report(
        root.lineOfKey('reviewBy'),
        `reviewBy ${reviewBy} is more than ${MAX_MONTHS_TO_REVIEW} months after signedOn ${signedOn} (ISA 13.4: ${latest} at the latest)`,
      );
    }
  }
  return dates;
}

function readHandling(root: YamlMapping): Agreement['handling'] {
  const handling = root.mapping('handling', 'handling');
  if (!handling) return { marking: '', onwardDisclosure: '' };
  handling.rejectUnknownKeys(HANDLING_KEYS);
  return {
    marking: handling.string('marking'),
    onwardDisclosure: handling.string('onwardDisclosure', (v) =>
      v.includes('{owner}') ? undefined : 'onwardDisclosure must name the owner with {owner} (ISA 6.3)',
    ),
  };
}

function readOperations(root: YamlMapping, context: RuleContext): OperationRule[] {
  if (!root.has('operations')) return [];
  const firstLineOf = new Map<string, number>();
  return root
    .mappings('operations', (item, index) => `operation ${item.get('id') ?? `#${index + 1}`}`)
    .map((mapping) => {
      const rule = readOperation(mapping, context);
      const first = firstLineOf.get(rule.id);
      if (first !== undefined) mapping.report(mapping.lineOfKey('id'), `duplicate operation rule id (first at line ${first})`);
      else if (rule.id) firstLineOf.set(rule.id, mapping.lineOfKey('id'));
      return rule;
    });
}

function readRules(root: YamlMapping, context: RuleContext): FieldRule[] {
  const firstLineOf = new Map<string, number>();
  return root
    .mappings('rules', (item, index) => `rule ${item.get('id') ?? `#${index + 1}`}`)
    .map((mapping) => {
      const rule = readRule(mapping, context);
      const first = firstLineOf.get(rule.id);
      if (first !== undefined) mapping.report(mapping.lineOfKey('id'), `duplicate rule id (first at line ${first})`);
      else if (rule.id) firstLineOf.set(rule.id, mapping.lineOfKey('id'));
      return rule;
    });
}
