import { getNamedType, isObjectType, parse, specifiedRules, validate, type GraphQLObjectType } from 'graphql';
import { buildGatewaySchema } from '../gateway-schema';
import { REQUEST_LIMITS, requestProtection } from './request-limits';

// Building the schema contacts no subgraph: the endpoints are only used when a query runs.
const schema = buildGatewaySchema();
const { validationRules } = requestProtection({ production: true });

const problems = (operation: string) =>
  validate(schema, parse(operation), [...specifiedRules, ...validationRules]).map((error) => error.message);

/** Every field reachable from `type` without entering a type twice on one path: the widest honest one-view. */
function everyField(type: GraphQLObjectType, path: ReadonlySet<string> = new Set()): string {
  const inner = new Set([...path, type.name]);
  const selections = Object.values(type.getFields()).flatMap((field) => {
    if (field.args.some((arg) => arg.type.toString().endsWith('!'))) return [];
    const named = getNamedType(field.type);
    if (!isObjectType(named)) return [field.name];
    if (inner.has(named.name)) return [];
    return [`${field.name} ${everyField(named, inner)}`];
  });
  return `{ ${selections.join(' ')} }`;
}

describe('request limits (graphql-armor; README: request limits and hardening)', () => {
  it('accept the widest real operations: a whole one-view profile, a location with its people, an auditor page', () => {
    const person = schema.getType('Person') as GraphQLObjectType;
    const location = schema.getType('Location') as GraphQLObjectType;
    const page = schema.getType('DisclosurePage') as GraphQLObjectType;
    expect(problems(`{ person(id: "SUBJ-000001") ${everyField(person)} }`)).toEqual([]);
    expect(problems(`{ location(uprn: "100070000001") ${everyField(location)} }`)).toEqual([]);
    expect(problems(`{ disclosures(first: 50) ${everyField(page)} }`)).toEqual([]);
  });

  it('refuse a query nested past the depth limit through the Person ↔ Location cycle', () => {
    let selection = '{ id }';
    for (let depth = 1; depth <= REQUEST_LIMITS.depth; depth += 3)
      selection = `{ id localAuthority { landlordOf { linkedPersons ${selection} } } }`;
    expect(problems(`{ person(id: "SUBJ-000004") ${selection} }`)).toContain('The operation is nested too deeply for the hub.');
  });

  it('refuse one field fanned out under many aliases', () => {
    const aliases = Array.from(
      { length: REQUEST_LIMITS.aliases + 1 },
      (_, i) => `p${i}: person(id: "SUBJ-${String(i).padStart(6, '0')}") { id }`,
    );
    expect(problems(`{ ${aliases.join(' ')} }`)).toContain('The operation uses too many aliases for the hub.');
    expect(problems(`{ ${aliases.slice(1).join(' ')} }`)).toEqual([]);
  });

  it('refuse a flood of directives', () => {
    const directives = Array.from({ length: REQUEST_LIMITS.directives + 1 }, () => '@include(if: true)').join(' ');
    expect(problems(`{ person(id: "SUBJ-000001") { id ${directives} } }`)).toContain('The operation uses too many directives for the hub.');
  });

  it('refuse an operation whose cost explodes: a page of 500 records with every field, or repeated leaves deep in lists', () => {
    const page = schema.getType('DisclosurePage') as GraphQLObjectType;
    const tooCostly = 'The operation would cost too much to run; ask for fewer fields or split it.';
    expect(problems(`{ disclosures(first: 500) ${everyField(page)} }`)).toEqual([tooCostly]);
    expect(problems(`{ disclosures(first: 500) { edges { node { id occurredAt subjectId } } } }`)).toEqual([]);
    // Within the depth and token limits, but each of 400 repeated leaves is paid for at every level above it.
    const leaves = Array.from({ length: 400 }, () => 'fullName').join(' ');
    const chain = `localAuthority { landlordOf { linkedPersons { localAuthority { landlordOf { linkedPersons { police { names { ${leaves} } } } } } } } }`;
    expect(problems(`{ people(filter: { ids: ["SUBJ-000004"] }) { ${chain} } }`)).toEqual([tooCostly]);
  });

  it('never states the figures of a limit (exposeLimits: false)', () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `p${i}: person(id: "x") { id }`).join(' ');
    const messages = problems(`{ ${aliases} }`).join(' ');
    expect(messages).not.toMatch(/\d/);
  });
});
