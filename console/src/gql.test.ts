import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const CONSOLE_DIR = join(__dirname, '..');

describe('the typed operations in console/src/gql', () => {
  it('are what codegen makes from gateway/api-schema.graphql and the operations', () => {
    // `--check` generates in memory and fails when a file would change.
    const run = spawnSync(
      process.execPath,
      [join(CONSOLE_DIR, '..', 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js'), '--config', 'codegen.ts', '--check'],
      {
        cwd: CONSOLE_DIR,
        encoding: 'utf8',
      },
    );
    // If this fails, run `npm run -w console codegen` and commit console/src/gql.
    expect({ status: run.status, output: run.status === 0 ? '' : `${run.stdout}${run.stderr}`.slice(-2000) }).toEqual({
      status: 0,
      output: '',
    });
  });
});
