import { readFileSync } from 'node:fs';
import { GraphQLError, parse } from 'graphql';
import { buildGatewaySchema, OFFLINE_ENDPOINTS } from '../gateway-schema';
import { SUPERGRAPH_PATH } from '../supergraph/paths';
import { FetchPlanner } from './fetch-plan';
import { runFetchPlan, type SubgraphAnswer } from './run-fetch-plan';
import { subgraphMapFromSupergraph } from '../supergraph/subgraph-map';

const planner = new FetchPlanner(buildGatewaySchema(OFFLINE_ENDPOINTS), subgraphMapFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8')));

/** Partners as functions of what they are asked: each answers from its table (the HTTP path is tested in test/). */
function partners(answer: Record<string, (query: string, variables: Record<string, unknown>) => SubgraphAnswer | Error>) {
  const calls: { subgraph: string; query: string; variables: Record<string, unknown> }[] = [];
  const ask = async (subgraph: string, query: string, variables: Record<string, unknown>) => {
    calls.push({ subgraph, query, variables });
    const result = answer[subgraph]!(query, variables);
    if (result instanceof Error) throw result;
    return result;
  };
  return { ask, calls };
}

const PEOPLE = `query($ids: [ID!]!) { people(filter: { ids: $ids }) { __hub_id: id police { pncId } health { isChild } } }`;

describe('running a fetch plan', () => {
  it('merges each partner’s answer to a shared root field item by item', async () => {
    const { ask } = partners({
      police: () => ({
        data: {
          people: [
            { __hub_id: 'A', police: { pncId: 'P1' } },
            { __hub_id: 'B', police: null },
          ],
        },
      }),
      nhs: () => ({
        data: {
          people: [
            { __hub_id: 'A', health: null },
            { __hub_id: 'B', health: { isChild: true } },
          ],
        },
      }),
    });
    const { data, errors } = await runFetchPlan(planner.planFor(parse(PEOPLE), undefined)!, { ids: ['A', 'B'] }, ask);
    expect(data).toEqual({
      people: [
        { __hub_id: 'A', police: { pncId: 'P1' }, health: null },
        { __hub_id: 'B', police: null, health: { isChild: true } },
      ],
    });
    expect(errors).toEqual([]);
  });

  it('never writes a prototype, nor reads an inherited property, while merging (the planner refuses such keys first)', async () => {
    // What the partners send is parsed from JSON: `__proto__` there is an own key. Both partners answer under such keys.
    const query = `query($ids: [ID!]!) { __proto__: people(filter: { ids: $ids }) { __hub_id: id police { pncId } health { isChild } }
                                        constructor: people(filter: { ids: $ids }) { __hub_id: id police { pncId } health { isChild } } }`;
    const answer = (part: string, value: unknown) => () => {
      const people = JSON.stringify([{ __hub_id: 'A', [part]: value }]);
      return JSON.parse(`{ "data": { "__proto__": ${people}, "constructor": ${people} } }`) as SubgraphAnswer;
    };
    const { ask } = partners({ police: answer('police', { pncId: 'P1' }), nhs: answer('health', { isChild: true }) });
    const { data } = await runFetchPlan(planner.planFor(parse(query), undefined)!, { ids: ['A'] }, ask);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    // Merged under `constructor` as under any other key.
    expect(data.constructor).toEqual([{ __hub_id: 'A', police: { pncId: 'P1' }, health: { isChild: true } }]);
  });

  it('leaves out a partner whose answer names other subjects at the same places, and says its part is missing', async () => {
    const { ask } = partners({
      police: () => ({
        data: {
          people: [
            { __hub_id: 'A', police: { pncId: 'P1' } },
            { __hub_id: 'B', police: { pncId: 'P2' } },
          ],
        },
      }),
      nhs: () => ({
        data: {
          people: [
            { __hub_id: 'B', health: { isChild: true } },
            { __hub_id: 'A', health: null },
          ],
        },
      }),
    });
    const { data } = await runFetchPlan(planner.planFor(parse(PEOPLE), undefined)!, { ids: ['A', 'B'] }, ask);
    const people = data.people as Record<string, unknown>[];
    expect(people.map((p) => p.police)).toEqual([{ pncId: 'P1' }, { pncId: 'P2' }]);
    for (const person of people)
      expect((person.health as GraphQLError).extensions).toMatchObject({
        code: 'SUBGRAPH_UNAVAILABLE',
        subgraph: 'nhs',
        reason: 'inconsistent',
      });
  });

  it('leaves out a partner whose answer holds a field it was not asked (another partner’s part slipped in)', async () => {
    const { ask } = partners({
      police: () => ({ data: { people: [{ __hub_id: 'A', police: { pncId: 'P1' }, health: { isChild: true } }] } }),
      nhs: () => ({ data: { people: [{ __hub_id: 'A', health: { isChild: false } }] } }),
    });
    const { data } = await runFetchPlan(planner.planFor(parse(PEOPLE), undefined)!, { ids: ['A'] }, ask);
    const [person] = data.people as Record<string, unknown>[];
    expect(person!.health).toEqual({ isChild: false });
    expect((person!.police as GraphQLError).extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      subgraph: 'police',
      reason: 'inconsistent',
    });
  });

  it('marks every field a partner that did not answer was to supply, at each item', async () => {
    const { ask } = partners({
      police: () => ({
        data: {
          people: [
            { __hub_id: 'A', police: null },
            { __hub_id: 'B', police: null },
          ],
        },
      }),
      nhs: () => new GraphQLError('nhs down', { extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }),
    });
    const { data } = await runFetchPlan(planner.planFor(parse(PEOPLE), undefined)!, { ids: ['A', 'B'] }, ask);
    for (const person of data.people as Record<string, unknown>[]) expect(person.health).toBeInstanceOf(GraphQLError);
  });

  it('puts a partner’s error where its value would have been', async () => {
    const { ask } = partners({
      police: () => ({
        data: { people: [{ __hub_id: 'A', police: null }] },
        errors: [{ message: 'no', path: ['people', 0, 'police', 'pncId'], extensions: { code: 'X' } }],
      }),
      nhs: () => ({ data: { people: [{ __hub_id: 'A', health: null }] } }),
    });
    const { data, errors } = await runFetchPlan(planner.planFor(parse(PEOPLE), undefined)!, { ids: ['A'] }, ask);
    // The partner nulled `police` for its non-null child: the error shows at the first missing value.
    expect((data.people as Record<string, unknown>[])[0]!.police).toEqual(
      expect.objectContaining({ message: 'no', extensions: { code: 'X' } }),
    );
    expect(errors).toEqual([]);
  });

  it('fetches entities by distinct key, once per subgraph per level, and refuses an entity answered for another key', async () => {
    const query = `{ location(uprn: "1") { landlords: linkedPersons { __hub_id: id support { status } health { isChild } } } }`;
    const { ask, calls } = partners({
      police: () => ({
        data: {
          location: {
            // The entity key is the same field as the subject key: asked once, copied (wire-selections.ts).
            landlords: [{ __hub_id: 'A' }, { __hub_id: 'B' }, { __hub_id: 'A' }],
          },
        },
      }),
      ngo: (_q, v) => ({
        data: { _e0: (v.r0 as { id: string }[]).map((r) => ({ __hub_key_id: r.id, support: [{ status: `S-${r.id}` }] })) },
      }),
      nhs: (_q, v) => ({
        data: { _e0: (v.r0 as { id: string }[]).map((r) => ({ __hub_key_id: r.id === 'B' ? 'A' : r.id, health: { isChild: false } })) },
      }),
    });
    const { data } = await runFetchPlan(planner.planFor(parse(query), undefined)!, {}, ask);
    expect(calls.map((c) => c.subgraph)).toEqual(['police', 'ngo', 'nhs']);
    expect(calls[0]!.query).not.toContain('__hub_key_id');
    expect(calls[1]!.variables).toEqual({
      r0: [
        { __typename: 'Person', id: 'A' },
        { __typename: 'Person', id: 'B' },
      ],
    });
    const [a, b, again] = (data.location as { landlords: Record<string, unknown>[] }).landlords;
    expect(a!.support).toEqual([{ status: 'S-A' }]);
    expect(again!.support).toEqual([{ status: 'S-A' }]);
    expect(a!.health).toEqual({ isChild: false });
    expect(b!.support).toEqual([{ status: 'S-B' }]);
    expect((b!.health as GraphQLError).extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'nhs', reason: 'inconsistent' });
  });

  it('asks a field the gateway repeats once, gives the answer both keys, and refuses a partner that sends the copy itself', async () => {
    const query = `query($ids: [ID!]!) { people(filter: { ids: $ids }) { id __hub_id: id police { pncId } } }`;
    const honest = partners({ police: () => ({ data: { people: [{ id: 'A', police: { pncId: 'P1' } }] } }) });
    const { data } = await runFetchPlan(planner.planFor(parse(query), undefined)!, { ids: ['A'] }, honest.ask);
    expect(honest.calls[0]!.query).not.toContain('__hub_id');
    expect(data).toEqual({ people: [{ id: 'A', __hub_id: 'A', police: { pncId: 'P1' } }] });
    // A copy the partner sends could differ from the field it copies: the gateway would read one value and show another.
    const forging = partners({ police: () => ({ data: { people: [{ id: 'A', __hub_id: 'B', police: { pncId: 'P1' } }] } }) });
    const forged = await runFetchPlan(planner.planFor(parse(query), undefined)!, { ids: ['A'] }, forging.ask);
    expect(((forged.data.people as GraphQLError).extensions as Record<string, unknown>).reason).toBe('inconsistent');
  });
});
