const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

/**
 * Tests run on the compiled output (`npm test` builds first with `tsc -b`): type-graphql needs
 * decorator metadata, which tsc emits, and one build serves every suite.
 */
const ROOTS = ['shared', 'subgraphs', 'gateway', 'console', 'tools', 'test'];

/** Compiled tests whose source was moved or deleted: `tsc -b` does not remove them from dist/. */
function staleCompiledTests(dir, found = []) {
  for (const entry of existsSync(dir) ? readdirSync(dir) : []) {
    if (entry === 'node_modules') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) staleCompiledTests(path, found);
    else if (path.includes('/dist/') && entry.endsWith('.test.js')) {
      const source = path.replace('/dist/', '/src/').replace(/\.js$/, '');
      if (!existsSync(`${source}.ts`) && !existsSync(`${source}.tsx`)) found.push(relative(__dirname, path));
    }
  }
  return found;
}

module.exports = {
  testEnvironment: 'node',
  roots: ROOTS.map((r) => `<rootDir>/${r}`),
  testMatch: ['**/dist/**/*.test.js'],
  testPathIgnorePatterns: ['/node_modules/', ...ROOTS.flatMap((r) => staleCompiledTests(join(__dirname, r)))],
  // jose 6 is ESM-only, which Jest 29 cannot require: convert it to CommonJS (jest.esm-to-cjs.js).
  transform: {
    '/node_modules/jose/.+\\.js$': '<rootDir>/jest.esm-to-cjs.js',
    '\\.[jt]sx?$': 'babel-jest',
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
