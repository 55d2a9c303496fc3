import { parse, validate } from 'graphql';
import { compareResponse } from './harness/compare';
import { generateOperation, withinLimits } from './harness/generate-operation';
import { disclosedByResponse } from './harness/log-check';
import { Random } from './harness/prng';
import { withReference } from './harness/twins';
import { loadHubSchema } from './model/schema';
import { prepareOperation } from './semantics/operation';

/** The harness's own parts, without a hub: if they misjudge, the differential test misreports. */

const schema = loadHubSchema();
const refs = { subjects: ['SUBJ-000005', 'SUBJ-000010'], uprns: ['100070000003', '100070000007'], services: ['adavu-long-term'] };

describe('the operation generator', () => {
  const ops = (() => {
    const rnd = new Random('harness-test');
    return Array.from({ length: 400 }, () => generateOperation(rnd, schema.schema, refs));
  })();

  it('makes valid operations within the gateway limits', () => {
    for (const op of ops) {
      expect(validate(schema.schema, parse(op.query))).toEqual([]);
      expect(withinLimits(op.query)).toBe(true);
    }
  });

  it('uses every feature it promises', () => {
    const all = ops.map((o) => o.query).join('\n');
    for (const feature of [
      /\w+: person\(/, // aliased root
      /people\(filter:/,
      /location\(uprn:/,
      /supportServices/,
      /\.\.\.\s*on \w+/, // inline fragment with a type condition
      /\.\.\.\s*\{/, // inline fragment without one
      /fragment \w+ on/,
      /@include\(if: \$/,
      /@skip\(if: (true|false)\)/,
      /Boolean = (true|false)/, // a variable with a default
      /ID! = "/,
      /__typename/,
      /linkedPersons/,
      /landlord \{/,
      /landlordOf/,
      /service \{/,
      /"100070000001"|uprn\d*":"100070000001/,
    ]) {
      expect(all + JSON.stringify(ops.map((o) => o.variables))).toMatch(feature);
    }
  });
});

describe('compareResponse', () => {
  const expected = { data: { person: { police: null } }, errors: [], notices: [] };

  it('calls a value the oracle withholds over-disclosure', () => {
    const d = compareResponse(expected, 200, { data: { person: { police: { pncId: 'X' } } } });
    expect(d.map((x) => `${x.class} ${x.signature}`)).toEqual(['over-disclosure person.police.pncId']);
  });

  it('calls an empty object or list where null is due a shape difference', () => {
    expect(compareResponse(expected, 200, { data: { person: { police: {} } } }).map((x) => x.class)).toEqual(['shape']);
    expect(
      compareResponse({ ...expected, data: { person: { support: null } } }, 200, { data: { person: { support: [] } } }).map((x) => x.class),
    ).toEqual(['shape']);
  });

  it('compares FORBIDDEN errors by path and rule, and notices by at and rule', () => {
    const d = compareResponse(
      {
        data: {},
        errors: [{ path: ['person', 'police'], rule: 'R2', agreement: null }],
        notices: [{ at: 'person.x', rule: 'R8', effect: 'deny', conditions: [] }],
      },
      200,
      {
        data: {},
        errors: [{ message: '', path: ['person', 'police'], extensions: { code: 'FORBIDDEN', rule: 'no-matching-rule' } }],
        extensions: {},
      },
    );
    expect(d.map((x) => `${x.class} ${x.signature}`).sort()).toEqual([
      'errors extra person.police no-matching-rule',
      'errors missing person.police R2',
      'notices missing person.x R8',
    ]);
  });
});

describe('disclosedByResponse', () => {
  it('attributes each value to the partner that resolved it, a directory entry to the link owner', () => {
    const query = `{ person(id: "SUBJ-000001") { id police { names { fullName } } support { service { name receptionCentre { bedsTotal } } } } }`;
    const op = prepareOperation(schema.schema, query);
    const data = {
      person: {
        id: 'SUBJ-000001',
        police: { names: [{ fullName: 'A' }] },
        support: [{ service: { name: 'S', receptionCentre: { bedsTotal: 3 } } }],
      },
    };
    const sent = disclosedByResponse(schema, op, data)!;
    expect([...sent.get('police|Person:SUBJ-000001')!].sort()).toEqual(['Person.police', 'PersonName.fullName', 'PoliceRecord.names']);
    expect([...sent.get('ngo|Person:SUBJ-000001')!].sort()).toEqual([
      'Person.support',
      'ReceptionCentre.bedsTotal',
      'SupportEpisode.service',
      'SupportService.name',
      'SupportService.receptionCentre',
    ]);
  });

  it('gives the linked subject its own entries, and gives up when a linked subject is not named', () => {
    const op = prepareOperation(schema.schema, `{ location(uprn: "1") { linkedPersons { id police { pncId } } } }`);
    const sent = disclosedByResponse(schema, op, { location: { linkedPersons: [{ id: 'SUBJ-000002', police: { pncId: 'P' } }] } })!;
    expect([...sent.get('police|Location:1')!]).toEqual(['Location.linkedPersons']);
    expect([...sent.get('police|Person:SUBJ-000002')!].sort()).toEqual(['Location.linkedPersons', 'Person.police', 'PoliceRecord.pncId']);
    const anonymous = prepareOperation(schema.schema, `{ location(uprn: "1") { linkedPersons { police { pncId } } } }`);
    expect(disclosedByResponse(schema, anonymous, { location: { linkedPersons: [{ police: { pncId: 'P' } }] } })).toBeNull();
  });
});

describe('twins', () => {
  it('rewrites every mention of the reference, in the text and the variables', () => {
    const op = {
      query: 'query Q($id: ID! = "SUBJ-000001") { person(id: $id) { id } }',
      variables: { other: ['SUBJ-000001'] },
      roots: [{ field: 'person' as const, refs: ['SUBJ-000001'] }],
    };
    const twin = withReference(op, 'SUBJ-000001', 'SUBJ-000007');
    expect(twin.query).toBe('query Q($id: ID! = "SUBJ-000007") { person(id: $id) { id } }');
    expect(twin.variables).toEqual({ other: ['SUBJ-000007'] });
  });
});
