import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { KnownOperationTypesRule } from './known-operation-types';

const schema = buildSchema('type Query { a: Int } type Mutation { b: Int }');
const errorsOf = (source: string, against = schema) =>
  validate(against, parse(source), [...specifiedRules, KnownOperationTypesRule]).map((e) => e.message);

describe('KnownOperationTypesRule', () => {
  it('refuses a subscription on a schema without a Subscription root, which graphql-js 16 lets through', () => {
    const source = 'subscription { b }';
    expect(validate(schema, parse(source))).toEqual([]);
    expect(errorsOf(source)).toEqual(['The hub does not serve subscription operations.']);
  });

  it('refuses an operation type the schema lacks wherever it stands in the document', () => {
    expect(errorsOf('query A { a } subscription B { __typename }')).toEqual(['The hub does not serve subscription operations.']);
    expect(errorsOf('mutation { b }', buildSchema('type Query { a: Int }'))).toEqual(['The hub does not serve mutation operations.']);
  });

  it('lets queries and mutations through', () => {
    expect(errorsOf('query Q { a } mutation M { b }')).toEqual([]);
  });
});
