import { SUBGRAPH_NAMES } from '@hub/shared';
import { FieldsOnCorrectTypeRule, KnownTypeNamesRule, parse, ScalarLeafsRule, validate } from 'graphql';
import { buildGatewaySchema, OFFLINE_ENDPOINTS } from '../../gateway-schema';
import { RECORD_CONDITIONS } from './registry';

const schema = buildGatewaySchema(OFFLINE_ENDPOINTS);

/** What a condition reads must exist where it is decided, for every owner a rule could name. */
describe('the record conditions', () => {
  const cases = [...RECORD_CONDITIONS.values()].flatMap((condition) =>
    condition.decidedOn.flatMap((type) =>
      [undefined, ...SUBGRAPH_NAMES].map((owner) => ({ name: condition.name, condition, type, owner: owner ?? '(no owner)' })),
    ),
  );

  it('are all found: one file each', () => {
    expect([...RECORD_CONDITIONS.keys()].sort()).toEqual(
      expect.arrayContaining(['addressRestricted', 'handlingCodePermitsSharing', 'residentAddressRestricted', 'subjectIsChild']),
    );
  });

  it.each(cases)('$name: its facts exist on $type for $owner', ({ condition, type, owner }) => {
    const facts = condition.facts(owner === '(no owner)' ? undefined : (owner as (typeof SUBGRAPH_NAMES)[number]));
    for (const fact of facts) {
      expect(fact.alias.startsWith('__hub_')).toBe(true);
      const document = parse(`fragment Facts on ${type} { ${fact.alias}: ${fact.selection} }`);
      expect(validate(schema, document, [KnownTypeNamesRule, FieldsOnCorrectTypeRule, ScalarLeafsRule]).map((e) => e.message)).toEqual([]);
    }
  });

  it('subject conditions that depend on the owner have facts for every partner', () => {
    const child = RECORD_CONDITIONS.get('subjectIsChild')!;
    for (const owner of SUBGRAPH_NAMES) expect(child.facts(owner).length).toBeGreaterThan(0);
  });

  it('say nothing for unknown facts: the engine decides that against sharing', () => {
    const requester = { issuer: 'i', userId: 'u', org: 'birmingham-city-council', partner: 'local-authority' as const, roles: [] };
    for (const condition of RECORD_CONDITIONS.values()) {
      const verdict = condition.decide({ requester, owner: 'police', item: {}, parent: {}, subject: {}, note: () => undefined });
      expect([condition.name, verdict]).toEqual([condition.name, undefined]);
    }
  });
});
