import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations for the console (GraphQL Code Generator, client preset) from the committed
 * API schema, gateway/api-schema.graphql: the supergraph's API plus the gateway's own fields.
 * `npm run -w console codegen` rewrites src/gql/; console/src/gql.test.ts fails when it is stale.
 */
const config: CodegenConfig = {
  schema: '../gateway/api-schema.graphql',
  documents: ['src/api/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        avoidOptionals: false,
        scalars: { ID: 'string' },
      },
    },
    'src/gql/field-types.ts': {
      plugins: ['./codegen/field-types.cjs'],
    },
  },
};

export default config;
