import { apiSchemaSdl, committedApiSchema } from './api-schema';

describe('committed API schema (gateway/api-schema.graphql)', () => {
  it('is the schema the gateway serves: the supergraph API with the gateway fields', () => {
    // If this fails, run `npm run hub -- api-schema` (and `npm run -w console codegen`) and commit both.
    expect(committedApiSchema()).toBe(apiSchemaSdl());
  });
});
