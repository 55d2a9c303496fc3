/**
 * `npm run test:unit`: the tests that need no database and no running service — the fast loop
 * while changing policy, agreements, identity or request handling. Tests that need PostgreSQL are
 * `test/**` (cross-service), `*.subgraph.test.ts` and `*.db.test.ts`; `npm test` runs everything.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, '<rootDir>/test/', '\\.subgraph\\.test\\.js$', '\\.db\\.test\\.js$'],
};
