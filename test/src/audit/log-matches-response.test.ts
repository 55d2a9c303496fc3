import { readFileSync } from 'node:fs';
import {
  AGREEMENTS_DIR,
  buildGatewaySchema,
  OFFLINE_ENDPOINTS,
  CompiledPolicy,
  loadAgreements,
  ownershipFromSupergraph,
  SUPERGRAPH_PATH,
} from '@hub/gateway';
import { DEMO_USERS, Prng, subjectId, uprnOf } from '@hub/shared';
import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * Property: for random valid queries under random personas, the (subject, field) pairs that
 * carry non-null personal data in each response are exactly the pairs the log recorded for it.
 * The expected set is read off the response itself, with the schema's ownership, not off the
 * gateway's own bookkeeping.
 */
const ITERATIONS = Number(process.env.LOG_PROPERTY_ITERATIONS ?? 140);
const ENTITY_KEYS: Record<string, string> = { Person: 'id', Location: 'uprn' };

describe('the disclosure log records exactly what each response carries', () => {
  let hub: TestHub;
  const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const schema = buildGatewaySchema(OFFLINE_ENDPOINTS, supergraph);
  const ownership = ownershipFromSupergraph(supergraph);
  const policy = new CompiledPolicy(loadAgreements(AGREEMENTS_DIR, schema), schema);

  beforeAll(async () => {
    hub = await startTestHub({ scale: 40 });
  });
  afterAll(() => hub?.stop());

  it(`holds for ${ITERATIONS} random queries`, async () => {
    const prng = new Prng(process.env.LOG_PROPERTY_SEED ?? 'log-property');
    const users = DEMO_USERS.filter((u) => u.approval);
    let compared = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const user = prng.pick([...users, DEMO_USERS.find((u) => u.id === 'police.unapproved')!]);
      const purpose =
        user.approval && prng.chance(0.85)
          ? prng.pick(user.approval.purposes)
          : prng.pick(['IDENTIFY_VICTIMS', 'CRIMINAL_ACTIVITY'] as const);
      const query = randomQuery(prng, schema);
      const { body } = await hub.query(query, {}, { as: user.id, purpose, caseRef: prng.chance(0.9) ? 'CASE/2026/0001' : null });
      expect(body.errors?.filter((e) => !['FORBIDDEN'].includes(String(e.extensions.code))) ?? []).toEqual([]);
      const expected = personalPairs(body.data, schema, ownership, policy);
      const rows: { subject_type: string | null; subject_id: string | null; fields_disclosed: string[] }[] =
        await hub.store.dataSource.query(
          'SELECT subject_type, subject_id, fields_disclosed FROM disclosure_records WHERE request_id = $1',
          [body.extensions!.requestId],
        );
      const logged = new Set(rows.flatMap((r) => r.fields_disclosed.map((f) => `${r.subject_type}:${r.subject_id}:${f}`)));
      expect({ query, user: user.id, pairs: [...logged].sort() }).toEqual({ query, user: user.id, pairs: [...expected].sort() });
      compared += expected.size;
    }
    // The property must have been tested on real disclosures, not only on empty answers.
    expect(compared).toBeGreaterThan(100);
  });
});

function randomQuery(prng: Prng, schema: GraphQLSchema): string {
  const root = prng.weighted([
    ['person', 5],
    ['people', 2],
    ['location', 2],
  ] as const);
  if (root === 'person')
    return `{ person(id: "${subjectId(prng.int(1, 12))}") ${selection(prng, schema.getType('Person') as GraphQLObjectType, 0)} }`;
  if (root === 'people') {
    const ids = Array.from({ length: prng.int(2, 6) }, () => `"${subjectId(prng.int(1, 40))}"`);
    return `{ people(filter: { ids: [${[...new Set(ids)].join(', ')}] }) ${selection(prng, schema.getType('Person') as GraphQLObjectType, 0)} }`;
  }
  return `{ location(uprn: "${uprnOf(prng.int(1, 8))}") ${selection(prng, schema.getType('Location') as GraphQLObjectType, 0)} }`;
}

/** A random non-empty selection; entities always select their key, so the test knows the subject. */
function selection(prng: Prng, type: GraphQLObjectType, depth: number): string {
  const fields = Object.values(type.getFields()).filter((f) => f.args.length === 0);
  const key = ENTITY_KEYS[type.name];
  const chosen = fields.filter((f) => f.name !== key && prng.chance(depth === 0 ? 0.6 : 0.5));
  if (chosen.length === 0 && fields.length > 0) chosen.push(prng.pick(fields.filter((f) => f.name !== key)));
  const parts = chosen.flatMap((f) => {
    const named = getNamedType(f.type);
    if (!isObjectType(named)) return [f.name];
    if (depth >= 3) return [];
    return [`${f.name} ${selection(prng, named, depth + 1)}`];
  });
  if (key) parts.unshift(key);
  return `{ ${parts.length > 0 ? parts.join(' ') : '__typename'} }`;
}

/**
 * The (subject, coordinate) pairs of personal data in a response, read off the response with the
 * schema's ownership and docs/policy.md's scopes: within a subject every owned value but its key is
 * personal; a link's value belongs to the subject it starts from and to the one it reaches, and what
 * lies beyond to the linked one; a directory entry under a subject is the subject's, attributed to the link's owner.
 */
function personalPairs(
  data: unknown,
  schema: GraphQLSchema,
  ownership: ReturnType<typeof ownershipFromSupergraph>,
  policy: CompiledPolicy,
): Set<string> {
  const pairs = new Set<string>();
  const walk = (value: unknown, type: GraphQLObjectType, subject: string | null, owner: string | undefined, pinned: boolean) => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((item) => walk(item, type, subject, owner, pinned));
    for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
      const field = type.getFields()[name];
      if (!field || child === null || child === undefined) continue;
      const coordinate = `${type.name}.${name}`;
      const pinHere = pinned || (subject !== null && policy.isPublic(coordinate) && owner !== undefined);
      const fieldOwner = pinHere ? owner : (ownership.ownerOf(type.name, name) ?? owner);
      const named = getNamedType(field.type);
      const key = ENTITY_KEYS[type.name] === name;
      if (subject !== null && fieldOwner && !key) pairs.add(`${subject}:${coordinate}`);
      if (!isObjectType(named)) continue;
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item === null) continue;
        const entityKey = ENTITY_KEYS[named.name];
        if (entityKey) {
          const linked = `${named.name}:${(item as Record<string, string>)[entityKey]}`;
          // A link from a subject is also the data of the subject it reaches.
          if (subject !== null && fieldOwner) pairs.add(`${linked}:${coordinate}`);
          walk(item, named, linked, undefined, false);
        } else walk(item, named, subject, fieldOwner, pinHere);
      }
    }
  };
  walk(data, schema.getQueryType()!, null, undefined, false);
  return pairs;
}
