import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { buildGatewaySchema, OFFLINE_ENDPOINTS } from '../gateway-schema';
import { SUPERGRAPH_PATH } from '../supergraph/paths';
import { FetchPlanner } from './fetch-plan';
import { subgraphMapFromSupergraph } from '../supergraph/subgraph-map';

const planner = new FetchPlanner(buildGatewaySchema(OFFLINE_ENDPOINTS), subgraphMapFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8')));
const planOf = (query: string) => planner.planFor(parse(query), undefined);

describe('fetch plans', () => {
  it('asks a shared root field of each partner with fields under it, in one call each, the key of each', () => {
    const plan = planOf(`query($ids: [ID!]!) { people(filter: { ids: $ids }) { __hub_id: id police { pncId } health { isChild } } }`)!;
    expect(plan.roots.map((r) => r.subgraph).sort()).toEqual(['nhs', 'police']);
    const police = plan.roots.find((r) => r.subgraph === 'police')!;
    expect(police.query).toBe(
      'query ($ids: [ID!]!) {\n  people(filter: {ids: $ids}) {\n    __hub_id: id\n    police {\n      pncId\n    }\n  }\n}',
    );
    expect(police.variables).toEqual(['ids']);
    expect(police.supplies).toEqual([{ responseKey: 'people', fields: ['__hub_id', 'police'] }]);
    expect(police.entities).toEqual([]);
  });

  it('asks one partner when nothing under a shared root field is any one partner’s', () => {
    const plan = planOf(`{ person(id: "SUBJ-000001") { id } }`)!;
    expect(plan.roots).toHaveLength(1);
  });

  it('fetches an entity’s other partners’ fields by key, one level at a time, the key asked beside', () => {
    const plan = planOf(`{ location(uprn: "1") { hmoLicence { licensed } landlord { id police { pncId } support { status } } } }`)!;
    const la = plan.roots.find((r) => r.subgraph === 'local-authority')!;
    // The key is the client's \`id\`: asked once, and the answer given the key's alias too (wire-selections.ts).
    expect(la.query).toContain('landlord {\n      id\n    }');
    expect(la.expansion?.below.get('location')?.below.get('landlord')?.copies).toEqual([['id', '__hub_key_id']]);
    expect(la.entities.map((e) => [e.subgraph, e.typeName, e.path.join('.'), e.fields.join()])).toEqual([
      ['police', 'Person', 'location.landlord', 'police'],
      ['ngo', 'Person', 'location.landlord', 'support'],
    ]);
    expect(la.entities[0]!.selection).toBe('... on Person {\n  __hub_key_id: id\n  police {\n    pncId\n  }\n}');
  });

  it('carries the client’s variables, with their defaults, to the entity fetch that uses them', () => {
    const plan = planOf(`query($skip: Boolean = false) { location(uprn: "1") { landlord { police @skip(if: $skip) { pncId } } } }`)!;
    const [entity] = plan.roots[0]!.entities;
    expect(entity!.variables).toEqual(['skip']);
    expect(entity!.variableDefinitions).toEqual({ skip: '$skip: Boolean = false' });
  });

  it('has no plan for what the stitched schema must execute: the gateway’s fields, mutations, introspection, fragments', () => {
    expect(planOf(`{ agreements { id } }`)).toBeNull();
    expect(planOf(`{ person(id: "SUBJ-000001") { id } agreements { id } }`)).toBeNull();
    expect(planOf(`mutation { suspendAgreement(id: "x", reason: "y") { id } }`)).toBeNull();
    expect(planOf(`{ __schema { queryType { name } } }`)).toBeNull();
    expect(planOf(`{ person(id: "SUBJ-000001") { ...F } } fragment F on Person { id }`)).toBeNull();
  });

  it('names every call after the client’s operation, as partners’ telemetry counts operations by name', () => {
    const plan = planOf(`query Profile { person(id: "SUBJ-000001") { police { pncId } } }`)!;
    expect(plan.operationName).toBe('Profile');
    expect(plan.roots[0]!.query).toMatch(/^query Profile \{/);
  });

  it('plans each document once', () => {
    const document = parse(`{ person(id: "SUBJ-000001") { police { pncId } } }`);
    expect(planner.planFor(document, undefined)).toBe(planner.planFor(document, undefined));
  });
});
