import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GATEWAY_NODE_OPTIONS } from '@hub/shared';
import { parse } from 'yaml';
import { parseManifests, workloads } from './kubernetes-checks';

const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** How the gateway is started, as each place that starts it writes the command. */
function gatewayCommands(): Record<string, string[]> {
  const dockerfileCmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1];
  const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, { command?: string[] }> };
  const kubernetes = workloads(parseManifests('gateway.yaml', read('deploy/kubernetes/gateway.yaml'))).find(
    (w) => w.kind === 'Deployment' && w.name === 'gateway',
  );
  const npmStart = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start!;
  return {
    Dockerfile: dockerfileCmd ? (JSON.parse(dockerfileCmd) as string[]) : [],
    'docker-compose.yml': compose.services.gateway?.command ?? [],
    'deploy/kubernetes/gateway.yaml':
      (kubernetes?.pod?.spec?.containers ?? []).find((c: { name: string }) => c.name === 'gateway')?.command ?? [],
    // `npm start` runs every service in one process: the gateway's options are that process's.
    'package.json (npm start)': npmStart.split(' && ').at(-1)!.split(' '),
  };
}

describe("the gateway's Node options (shared/src/config/gateway-node-options.ts)", () => {
  it.each(Object.entries(gatewayCommands()))('%s starts the gateway with exactly them', (_place, command) => {
    const script = command.indexOf('tools/dist/hub.js');
    expect(script).toBeGreaterThan(0);
    expect(command[0]).toBe('node');
    expect(command.slice(1, script)).toEqual([...GATEWAY_NODE_OPTIONS]);
  });

  it('are options this Node accepts (an unknown or malformed one stops node before it starts)', () => {
    const run = spawnSync(process.execPath, [...GATEWAY_NODE_OPTIONS, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const wrong = spawnSync(process.execPath, ['--max-semi-space-size=lots', '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
  });
});
