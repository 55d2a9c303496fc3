// One lint for every workspace: typescript-eslint with the type-aware rules that catch real
// faults (a promise nobody awaits, a promise where a value belongs), import cycles in the gateway,
// no reaching into another workspace's files, and the environment read in one place only; for the
// console, React's rules of hooks and the React Compiler's checks (eslint-plugin-react-hooks).
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      'coverage/**',
      // The console's build output, and the typed operations GraphQL Code Generator writes (console/src/gql.test.ts keeps them fresh).
      'console/build/**',
      'console/src/gql/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        // console/codegen.ts is read by GraphQL Code Generator, not compiled: no project of its own.
        projectService: { allowDefaultProject: ['console/codegen.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@hub/*/dist/*', '@hub/*/src/*'],
              message: 'Import a workspace through its package name and exports map (e.g. @hub/shared/testing).',
            },
            { group: ['../../*/src/*', '../../../*/src/*'], message: 'Reach another workspace through its package, not its files.' },
          ],
        },
      ],
      // The environment is parsed once, in shared/src/config/environment.ts; everything else asks it.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration from @hub/shared environment().' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['gateway/src/**/*.ts', 'shared/src/**/*.ts', 'subgraphs/*/src/**/*.ts', 'tools/src/**/*.ts'],
    // Resolve the TypeScript sources themselves: an import the rule cannot resolve is silently skipped.
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.d.ts', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The one place that reads the environment; tests set it for the processes they start.
    files: ['shared/src/config/environment.ts', '**/*.test.ts', 'test/src/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The console: a browser app (React); the rules of hooks, and the React Compiler's checks of
    // what a component may do while rendering.
    files: ['console/src/**/*.ts', 'console/src/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
);
