import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * The agreement files, read straight from YAML by the oracle itself. Nothing here comes from the
 * gateway's loader: a second implementation that shared the parser would share its mistakes.
 * docs/policy.md says how a rule is read; this file only says what a rule *is*.
 */

export interface Recipients {
  /** Each dimension given must match; `{}` matches everyone (docs/policy.md §4). */
  orgs?: string[];
  partners?: string[];
  roles?: string[];
  /** Only a disclosure on request names users (semantics/grants.ts); an agreement's recipients never do. */
  users?: string[];
  /** Dimensions this oracle does not know: they never match (fail closed). */
  unknown: string[];
}

export interface Rule {
  id: string;
  effect: 'allow' | 'deny';
  owner: string | null;
  /** Field coordinates as written: `Type.field` or `Type.*`. */
  fields: string[];
  recipients: Recipients;
  except: Recipients[];
  /** Null: the agreement's purposes (allow rules) / any purpose (deny rules). */
  purposes: string[] | null;
  lawfulBases: string[];
  requireCaseRef: boolean;
  when: string[];
  /** A deny whose withholding the requester is told of (docs/policy.md §5, signposting). */
  signpost: boolean;
  /** Keys this oracle does not understand: an allow rule with any never allows (fail closed). */
  unknownKeys: string[];
  agreement: Agreement;
  /** Position across all agreements, file by file: "covering rules are considered in file order". */
  order: number;
  /**
   * Set on a disclosure on request (semantics/grants.ts): the partner whose data it discloses. It
   * covers an occurrence only where that partner's data is (docs/policy.md §7).
   */
  grantOwner?: string;
}

export interface Agreement {
  id: string;
  version: number;
  /** How errors and notices name it, e.g. `isa-msht-wm@1`. */
  ref: string;
  status: string;
  effectiveFrom: string;
  reviewBy: string;
  purposes: string[];
  publicFields: string[];
  rules: Rule[];
}

const KNOWN_RULE_KEYS = new Set([
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
]);

export function agreementsDir(): string {
  // test/dist/oracle/model -> repository root
  return join(__dirname, '..', '..', '..', '..', 'gateway', 'agreements');
}

/** Every `*.yaml` in the directory, in file-name order; rules keep their order within each file. */
export function loadAgreementsFromDir(dir: string = agreementsDir()): Agreement[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  return parseAgreements(files.map((f) => readFileSync(join(dir, f), 'utf8')));
}

export function parseAgreements(texts: string[]): Agreement[] {
  let order = 0;
  return texts.map((text) => {
    const doc = parse(text) as Record<string, any>;
    const agreement: Agreement = {
      id: String(doc.id),
      version: Number(doc.version),
      ref: `${doc.id}@${doc.version}`,
      status: String(doc.status ?? ''),
      effectiveFrom: isoDate(doc.effectiveFrom),
      reviewBy: isoDate(doc.reviewBy),
      purposes: (doc.purposes ?? []).map(String),
      publicFields: (doc.publicFields ?? []).map(String),
      rules: [],
    };
    for (const raw of (doc.rules ?? []) as Record<string, any>[]) {
      agreement.rules.push({
        id: String(raw.id),
        // An effect the oracle cannot read is not an allow (fail closed).
        effect: raw.effect === 'allow' ? 'allow' : 'deny',
        owner: raw.owner == null ? null : String(raw.owner),
        fields: (raw.fields ?? []).map(String),
        recipients: recipients(raw.recipients ?? {}),
        except: ((raw.except ?? []) as unknown[]).map((e) => recipients(e as Record<string, unknown>)),
        purposes: raw.purposes == null ? null : raw.purposes.map(String),
        lawfulBases: (raw.lawfulBases ?? []).map(String),
        requireCaseRef: raw.requireCaseRef === true,
        when: (raw.when ?? []).map(String),
        // Only `true` signposts: anything else stays silent, as the text says signposting is off by default.
        signpost: raw.signpost === true,
        unknownKeys: Object.keys(raw).filter((k) => !KNOWN_RULE_KEYS.has(k)),
        agreement,
        order: order++,
      });
    }
    return agreement;
  });
}

function recipients(raw: Record<string, unknown>): Recipients {
  const out: Recipients = { unknown: [] };
  for (const [key, value] of Object.entries(raw ?? {})) {
    const list = Array.isArray(value) ? value.map(String) : [String(value)];
    if (key === 'orgs' || key === 'partners' || key === 'roles') out[key] = list;
    else out.unknown.push(key);
  }
  return out;
}

/** The `yaml` core schema keeps dates as strings; a Date (other schemas) becomes its ISO day. */
function isoDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value == null ? '' : String(value);
}

/** Every rule of every agreement, in file order. */
export function allRules(agreements: Agreement[]): Rule[] {
  return agreements.flatMap((a) => a.rules).sort((a, b) => a.order - b.order);
}
