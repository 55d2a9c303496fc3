import {
  getNamedType,
  isObjectType,
  Lexer,
  parse,
  Source,
  TokenKind,
  validate,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { isSubjectType } from '../model/schema';
import type { Random } from './prng';

/**
 * Random valid operations over the supergraph, built from the schema by the oracle's own
 * generator: the four subject/directory roots, selections nested through every link to a
 * bounded depth, aliases, inline and named fragments, variables with defaults, `@include` /
 * `@skip` with literal and variable conditions, and `__typename`. Every operation is checked
 * against the gateway's published request limits (depth 12, aliases 15, directives 20, ~2000
 * tokens, cost 10 000) with margin, and validated with graphql-js, before it is used.
 */

export interface GeneratedOperation {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
  /** The subject references the roots name, for choosing twins. */
  roots: { field: 'person' | 'people' | 'location' | 'supportServices' | 'supportService'; refs: string[] }[];
}

export interface References {
  subjects: string[];
  uprns: string[];
  services: string[];
  /**
   * Coordinates (`Type.field`, `Type.*`) to ask for more often: the fields record conditions are
   * decided on, where most of docs/policy.md happens. The fields that lead to them come more
   * often too.
   */
  focus?: string[];
}

type Sel =
  | { kind: 'field'; name: string; alias?: string; args?: string; directives: string[]; children?: Sel[] }
  | { kind: 'inline'; typeCondition?: string; directives: string[]; children: Sel[] }
  | { kind: 'spread'; fragment: string; directives: string[] };

const LIMITS = { depth: 10, aliases: 12, directives: 14, tokens: 1700, cost: 7000 };
const FIXED_SUBJECTS = ['SUBJ-000001', 'SUBJ-000002', 'SUBJ-000003', 'SUBJ-000004'];
const SAFE_HOUSE_UPRN = '100070000001';
const MISSING_SUBJECTS = ['SUBJ-000999', 'SUBJ-424242'];
const MISSING_UPRNS = ['100079999999', '42'];

class Builder {
  aliases = 0;
  directives = 0;
  fields = 0;
  readonly varDefs: string[] = [];
  readonly variables: Record<string, unknown> = {};
  readonly fragments: { name: string; type: string; children: Sel[] }[] = [];
  private counter = 0;

  private readonly warm: Set<string>;

  constructor(
    readonly rnd: Random,
    readonly schema: GraphQLSchema,
    readonly budget: number,
    private readonly focus: Set<string>,
  ) {
    this.warm = warmTypes(schema, focus);
  }

  private chanceOf(typeName: string, field: GraphQLField<unknown, unknown>): number {
    if (this.focus.has(`${typeName}.${field.name}`) || this.focus.has(`${typeName}.*`)) return 0.8;
    if (this.warm.has(getNamedType(field.type).name)) return 0.65;
    return isSubjectType(typeName) ? 0.5 : 0.45;
  }

  name(prefix: string): string {
    return `${prefix}${++this.counter}`;
  }

  /** A boolean condition for @include/@skip: a literal, a required variable, or a variable with a default. */
  condition(): string {
    const value = this.rnd.chance(0.6);
    const form = this.rnd.weighted([
      ['literal', 3],
      ['required', 2],
      ['default', 1],
    ] as const);
    if (form === 'literal') return String(value);
    const v = this.name('c');
    if (form === 'required') {
      this.varDefs.push(`$${v}: Boolean!`);
      this.variables[v] = value;
    } else {
      const fallback = this.rnd.chance(0.5);
      this.varDefs.push(`$${v}: Boolean = ${fallback}`);
      // Sometimes the default decides.
      if (this.rnd.chance(0.5)) this.variables[v] = value;
    }
    return `$${v}`;
  }

  directive(): string[] {
    if (this.directives >= LIMITS.directives || !this.rnd.chance(0.1)) return [];
    this.directives++;
    return [`@${this.rnd.pick(['include', 'skip'])}(if: ${this.condition()})`];
  }

  selection(typeName: string, depth: number, hops: number): Sel[] {
    const type = this.schema.getType(typeName) as GraphQLObjectType;
    const fields = Object.values(type.getFields()).filter((f) => f.args.length === 0);
    let chosen = fields.filter((f) => this.rnd.chance(this.chanceOf(typeName, f)));
    if (chosen.length === 0) chosen = [this.rnd.pick(fields)];
    if (depth > 3) chosen = this.rnd.shuffle(chosen).slice(0, 4);
    const out: Sel[] = [];
    for (const field of chosen) {
      const named = getNamedType(field.type);
      let children: Sel[] | undefined;
      if (isObjectType(named)) {
        const link = isSubjectType(named.name) && typeName !== 'Query';
        if (depth >= LIMITS.depth - 2 || this.fields >= this.budget || (link && hops >= 2)) continue;
        children = this.selection(named.name, depth + 1, link ? hops + 1 : hops);
      } else if (this.fields >= this.budget * 1.5) continue;
      this.fields++;
      const sel: Sel = { kind: 'field', name: field.name, directives: this.directive(), children };
      if (this.aliases < LIMITS.aliases && this.rnd.chance(0.08)) {
        sel.alias = this.name('a');
        this.aliases++;
      }
      out.push(sel);
      // The same field asked again with another sub-selection: GraphQL merges them.
      if (children && this.rnd.chance(0.06) && this.fields < this.budget) {
        const named2 = getNamedType(field.type).name;
        const link = isSubjectType(named2);
        out.push({
          kind: 'inline',
          directives: this.directive(),
          children: [
            {
              kind: 'field',
              name: field.name,
              alias: sel.alias,
              directives: [],
              children: this.selection(named2, depth + 1, link ? hops + 1 : hops),
            },
          ],
        });
      }
    }
    // A linked subject usually names itself, so the log check can tell whose record each value is.
    const key = isSubjectType(typeName) && hops > 0 ? (typeName === 'Person' ? 'id' : 'uprn') : null;
    if (key && !chosen.some((f) => f.name === key) && this.rnd.chance(0.85)) out.unshift({ kind: 'field', name: key, directives: [] });
    if (this.rnd.chance(0.1)) out.push({ kind: 'field', name: '__typename', directives: this.directive() });
    if (out.length === 0) out.push({ kind: 'field', name: '__typename', directives: [] });
    return this.decorate(typeName, out);
  }

  /** Moves some selections into inline fragments or a named fragment. */
  private decorate(typeName: string, sels: Sel[]): Sel[] {
    if (sels.length < 2) return sels;
    const roll = this.rnd.next();
    if (roll < 0.1) {
      const cut = this.rnd.int(1, sels.length - 1);
      const inline: Sel = {
        kind: 'inline',
        typeCondition: this.rnd.chance(0.5) ? typeName : undefined,
        directives: this.directive(),
        children: sels.slice(cut),
      };
      return [...sels.slice(0, cut), inline];
    }
    if (roll < 0.18) {
      const cut = this.rnd.int(0, sels.length - 1);
      const name = this.name(`${typeName}Part`);
      this.fragments.push({ name, type: typeName, children: sels.slice(cut) });
      return [...sels.slice(0, cut), { kind: 'spread', fragment: name, directives: this.directive() }];
    }
    return sels;
  }
}

export function generateOperation(rnd: Random, schema: GraphQLSchema, refs: References): GeneratedOperation {
  for (let attempt = 0; attempt < 50; attempt++) {
    const budget = attempt < 10 ? rnd.int(3, 22) : 6;
    const op = attemptOperation(rnd, schema, refs, budget);
    if (withinLimits(op.query) && validate(schema, parse(op.query)).length === 0) return op;
  }
  throw new Error('could not generate an operation within the request limits');
}

function attemptOperation(rnd: Random, schema: GraphQLSchema, refs: References, budget: number): GeneratedOperation {
  const b = new Builder(rnd, schema, budget, new Set(refs.focus ?? []));
  const roots: GeneratedOperation['roots'] = [];
  const rootSels: Sel[] = [];
  const count = rnd.chance(0.12) ? 2 : 1;
  for (let i = 0; i < count; i++) {
    const field = rnd.weighted([
      ['person', 45],
      ['people', 15],
      ['location', 25],
      ['supportServices', 8],
      ['supportService', 4],
    ] as const);
    const { args, refs: named } = rootArguments(b, field, refs);
    roots.push({ field, refs: named });
    const type = field === 'person' || field === 'people' ? 'Person' : field === 'location' ? 'Location' : 'SupportService';
    const sel: Sel = { kind: 'field', name: field, args, directives: [], children: b.selection(type, 2, 0) };
    if (i > 0 || rnd.chance(0.1)) {
      sel.alias = b.name('root');
      b.aliases++;
    }
    rootSels.push(sel);
  }
  if (rnd.chance(0.05)) rootSels.push({ kind: 'field', name: '__typename', directives: [] });
  const named = b.varDefs.length > 0 || rnd.chance(0.2);
  const operationName = named ? b.name('Op') : undefined;
  const header = named ? `query ${operationName}${b.varDefs.length ? `(${b.varDefs.join(', ')})` : ''} ` : '';
  const fragments = b.fragments.map((f) => `fragment ${f.name} on ${f.type} ${print(f.children)}`).join('\n');
  const query = `${header}${print(rootSels)}${fragments ? `\n${fragments}` : ''}`;
  return { query, variables: b.variables, operationName: named && rnd.chance(0.5) ? operationName : undefined, roots };
}

function rootArguments(
  b: Builder,
  field: GeneratedOperation['roots'][number]['field'],
  refs: References,
): { args?: string; refs: string[] } {
  const rnd = b.rnd;
  const subject = () =>
    rnd.weighted([
      [rnd.pick(FIXED_SUBJECTS), 5],
      [rnd.pick(refs.subjects), 4],
      [rnd.pick(MISSING_SUBJECTS), 1],
    ] as const);
  const uprn = () =>
    rnd.weighted([
      [SAFE_HOUSE_UPRN, 3],
      [rnd.pick(refs.uprns), 6],
      [rnd.pick(MISSING_UPRNS), 1],
    ] as const);
  const scalar = (name: string, type: string, value: string): string => {
    const form = rnd.weighted([
      ['literal', 5],
      ['variable', 3],
      ['default', 2],
    ] as const);
    if (form === 'literal') return JSON.stringify(value);
    const v = b.name(name);
    if (form === 'variable') {
      b.varDefs.push(`$${v}: ${type}!`);
      b.variables[v] = value;
    } else {
      b.varDefs.push(`$${v}: ${type}! = ${JSON.stringify(value)}`);
    }
    return `$${v}`;
  };
  switch (field) {
    case 'person': {
      const id = subject();
      return { args: `(id: ${scalar('id', 'ID', id)})`, refs: [id] };
    }
    case 'location': {
      const u = uprn();
      return { args: `(uprn: ${scalar('uprn', 'ID', u)})`, refs: [u] };
    }
    case 'people': {
      const ids = [...new Set(Array.from({ length: rnd.int(1, 4) }, subject))];
      const form = rnd.pick(['literal', 'ids', 'filter'] as const);
      if (form === 'literal') return { args: `(filter: { ids: [${ids.map((i) => JSON.stringify(i)).join(', ')}] })`, refs: ids };
      const v = b.name(form);
      if (form === 'ids') {
        b.varDefs.push(`$${v}: [ID!]!`);
        b.variables[v] = ids;
        return { args: `(filter: { ids: $${v} })`, refs: ids };
      }
      b.varDefs.push(`$${v}: PeopleFilter!`);
      b.variables[v] = { ids };
      return { args: `(filter: $${v})`, refs: ids };
    }
    case 'supportServices': {
      const filter = rnd.weighted([
        ['', 4],
        [`(filter: { serviceType: ${rnd.pick(['ACCOMMODATION', 'CASEWORK', 'HEALTH', 'RECEPTION_CENTRE', 'CHILD_ADVOCACY'])} })`, 2],
        [`(filter: { acceptsAge: ${rnd.int(0, 70)} })`, 1],
        [`(filter: { language: ${JSON.stringify(rnd.pick(['English', 'polish', 'Vietnamese', 'Klingon']))} })`, 1],
      ] as const);
      return { args: filter || undefined, refs: [] };
    }
    case 'supportService': {
      const id = rnd.chance(0.85) ? rnd.pick(refs.services) : 'no-such-service';
      return { args: `(id: ${scalar('sid', 'ID', id)})`, refs: [id] };
    }
  }
}

/** Object types from which a focus field can be reached without crossing a link. */
function warmTypes(schema: GraphQLSchema, focus: Set<string>): Set<string> {
  const warm = new Set<string>();
  const types = Object.values(schema.getTypeMap()).filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'));
  for (let changed = true; changed;) {
    changed = false;
    for (const type of types) {
      if (warm.has(type.name)) continue;
      const reaches = Object.values(type.getFields()).some((f) => {
        const named = getNamedType(f.type).name;
        return focus.has(`${type.name}.${f.name}`) || focus.has(`${type.name}.*`) || (warm.has(named) && !isSubjectType(named));
      });
      if (reaches) {
        warm.add(type.name);
        changed = true;
      }
    }
  }
  return warm;
}

function print(sels: Sel[]): string {
  return `{ ${sels.map(printSel).join(' ')} }`;
}

function printSel(sel: Sel): string {
  const directives = sel.directives.length ? ` ${sel.directives.join(' ')}` : '';
  switch (sel.kind) {
    case 'field':
      return `${sel.alias ? `${sel.alias}: ` : ''}${sel.name}${sel.args ?? ''}${directives}${sel.children ? ` ${print(sel.children)}` : ''}`;
    case 'inline':
      return `...${sel.typeCondition ? ` on ${sel.typeCondition}` : ''}${directives} ${print(sel.children)}`;
    case 'spread':
      return `...${sel.fragment}${directives}`;
  }
}

/** The gateway's limits, checked on the text, with margin. */
export function withinLimits(query: string): boolean {
  if (tokenCount(query) > LIMITS.tokens) return false;
  const doc = parse(query);
  const fragments = new Map<string, any>();
  for (const d of doc.definitions) if (d.kind === 'FragmentDefinition') fragments.set(d.name.value, d);
  let aliases = 0;
  let directives = 0;
  let maxDepth = 0;
  // Depth with fragments flattened, and aliases/directives counted once per spread.
  const walk = (set: any, depth: number) => {
    for (const s of set?.selections ?? []) {
      directives += s.directives?.length ?? 0;
      if (s.kind === 'Field') {
        if (s.alias) aliases++;
        maxDepth = Math.max(maxDepth, depth);
        walk(s.selectionSet, depth + 1);
      } else if (s.kind === 'InlineFragment') walk(s.selectionSet, depth);
      else walk(fragments.get(s.name.value)?.selectionSet, depth);
    }
  };
  const operation = doc.definitions.find((d) => d.kind === 'OperationDefinition') as any;
  walk(operation.selectionSet, 1);
  return (
    maxDepth <= LIMITS.depth &&
    aliases <= LIMITS.aliases &&
    directives <= LIMITS.directives &&
    cost(operation.selectionSet, fragments) <= LIMITS.cost
  );
}

/** graphql-armor's cost: scalars 1, objects 2, each level below ×1.5, each fragment spread one level more. */
function cost(set: any, fragments: Map<string, any>): number {
  let total = 0;
  for (const s of set?.selections ?? []) {
    if (s.kind === 'Field') total += s.selectionSet ? 2 + 1.5 * cost(s.selectionSet, fragments) : 1;
    else if (s.kind === 'InlineFragment') total += 1.5 * cost(s.selectionSet, fragments) + 2;
    else total += 1 + 1.5 * cost(fragments.get(s.name.value)?.selectionSet, fragments);
  }
  return total;
}

function tokenCount(query: string): number {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}
