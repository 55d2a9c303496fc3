import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');
const PARTNERS = ['police', 'local-authority', 'nhs', 'ngo'] as const;
const secretOf = (owner: string) => `${owner.replace(/-/g, '_')}_db_password`;

/** `docker compose` (v2) where the plugin is installed, else the old `docker-compose`; null when neither is. */
function composeCommand(): string[] | null {
  for (const command of [['docker', 'compose'], ['docker-compose']]) {
    const probe = spawnSync(command[0]!, [...command.slice(1), 'version'], { encoding: 'utf8' });
    if (probe.status === 0) return command;
  }
  return null;
}

const compose = composeCommand();
const describeWithCompose = compose ? describe : describe.skip;
if (!compose) console.warn('no docker compose / docker-compose binary: the compose file is not validated');

function run(args: string[], file = join(ROOT, 'docker-compose.yml')) {
  return spawnSync(compose![0]!, [...compose!.slice(1), '-f', file, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, COMPOSE_PROJECT_NAME: 'partnerhub' },
  });
}

interface Service {
  environment?: Record<string, string>;
  networks?: string[] | Record<string, unknown>;
  network_mode?: string;
  healthcheck?: { test?: string[]; disable?: boolean };
  deploy?: { resources?: { limits?: { cpus?: string | number; memory?: string | number } } };
  secrets?: ({ source: string } | string)[];
  volumes?: (string | { type: string; source?: string; target: string; read_only?: boolean })[];
  ports?: unknown[];
  restart?: string;
  read_only?: boolean;
}

/** A volume as `{ source, target, readOnly }` whichever syntax the compose client normalises to. */
function mounts(service: Service) {
  return (service.volumes ?? []).map((v) => {
    if (typeof v !== 'string') return { source: v.source ?? '', target: v.target, readOnly: v.read_only === true };
    const [source, target, mode] = v.split(':');
    return { source: source!, target: target!, readOnly: mode === 'ro' };
  });
}
const networksOf = (service: Service) => (Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {}));
const secretsOf = (service: Service) => (service.secrets ?? []).map((s) => (typeof s === 'string' ? s : s.source));

/**
 * docker-compose.yml as the compose client reads it: `config -q` must accept it, and the
 * normalised configuration must say what the file's comments promise — isolated networks,
 * healthchecks, limits, one password per database, keys mounted read-only where only read.
 */
describeWithCompose('docker-compose.yml', () => {
  let services: Record<string, Service>;
  let networks: Record<string, { internal?: boolean }>;
  beforeAll(() => {
    const quiet = run(['config', '-q']);
    if (quiet.status !== 0) throw new Error(`${compose!.join(' ')} config -q exited ${quiet.status}:\n${quiet.stderr}`);
    const config = parse(run(['config']).stdout);
    services = config.services;
    networks = config.networks;
  });

  it('is accepted by `compose config -q`, and a broken file is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-compose-'));
    try {
      const broken = join(dir, 'docker-compose.yml');
      writeFileSync(broken, 'services:\n  gateway:\n    image: partner-hub\n    ports: 4000\n    healthcheck: { test: 1 }\n');
      const result = run(['config', '-q'], broken);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/ports|healthcheck/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lets each partner's database be reached only by that partner's subgraph, and the hub's store only by the gateway", () => {
    const peers = (name: string) => {
      const mine = new Set(networksOf(services[name]!));
      return Object.keys(services)
        .filter((other) => other !== name && networksOf(services[other]!).some((n) => mine.has(n)))
        .sort();
    };
    for (const partner of PARTNERS) {
      expect(peers(`${partner}-db`)).toEqual([partner]);
      expect(peers(partner)).toEqual(['gateway', `${partner}-db`].sort());
    }
    expect(peers('hub-db')).toEqual(['gateway']);
    expect(peers('gateway')).toEqual(['hub-db', ...PARTNERS].sort());
    expect(services.keys!.network_mode).toBe('none');
  });

  it('publishes only the gateway, on the one network that is not internal', () => {
    expect(Object.keys(services).filter((s) => services[s]!.ports?.length)).toEqual(['gateway']);
    expect(Object.entries(networks).filter(([, n]) => !n?.internal)).toEqual([['edge', expect.anything()]]);
    expect(Object.keys(services).filter((s) => networksOf(services[s]!).includes('edge'))).toEqual(['gateway']);
  });

  it('has a healthcheck on every long-running service: /readyz for subgraphs, /healthz for the gateway, pg_isready for databases', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'keys') {
        expect(service.restart).toBe('no');
        continue;
      }
      const test = (service.healthcheck?.test ?? []).join(' ');
      if (name.endsWith('-db')) expect(test).toMatch(/pg_isready/);
      else if (name === 'gateway') expect(test).toMatch(/probe\.js http:\/\/127\.0\.0\.1:4000\/healthz$/);
      else expect(test).toMatch(/probe\.js http:\/\/127\.0\.0\.1:400[1-4]\/readyz$/);
      expect(service.healthcheck?.disable).not.toBe(true);
    }
  });

  it('limits the CPU and memory of every service', () => {
    for (const [name, service] of Object.entries(services)) {
      const limits = service.deploy?.resources?.limits;
      expect({ name, cpus: Number(limits?.cpus) > 0, memory: Boolean(limits?.memory) }).toEqual({ name, cpus: true, memory: true });
    }
  });

  it("gives each service its own database's password, as a file, and no other", () => {
    for (const owner of [...PARTNERS, 'hub']) {
      const db = services[`${owner}-db`]!;
      const app = services[owner === 'hub' ? 'gateway' : owner]!;
      const prefix = owner.replace(/-/g, '_').toUpperCase();
      expect(secretsOf(db)).toEqual([secretOf(owner)]);
      expect(db.environment!.POSTGRES_PASSWORD_FILE).toBe(`/run/secrets/${secretOf(owner)}`);
      expect(secretsOf(app)).toEqual([secretOf(owner)]);
      expect(app.environment![`${prefix}_DATABASE_PASSWORD_FILE`]).toBe(`/run/secrets/${secretOf(owner)}`);
      // The URL names the database's own user and no password.
      expect(new URL(app.environment![`${prefix}_DATABASE_URL`]!).password).toBe('');
      expect(new URL(app.environment![`${prefix}_DATABASE_URL`]!).username).toBe(db.environment!.POSTGRES_USER);
    }
  });

  it('mounts the private keys read-only in the gateway alone, and only the public key in the subgraphs', () => {
    const users = (volume: string) =>
      Object.entries(services)
        .flatMap(([name, s]) =>
          mounts(s)
            .filter((m) => m.source === volume)
            .map((m) => `${name}:${m.readOnly ? 'ro' : 'rw'}`),
        )
        .sort();
    expect(users('hub-keys')).toEqual(['gateway:ro', 'keys:rw']);
    expect(users('hub-public-key')).toEqual(['keys:rw', ...PARTNERS.map((p) => `${p}:ro`)].sort());
    expect(services.keys!.environment).toMatchObject({
      NODE_ENV: 'production',
      HUB_KEY_DIR: '/keys/private',
      HUB_PUBLIC_KEY_DIR: '/keys/public',
    });
    expect(services.gateway!.environment!.HUB_KEY_DIR).toBe('/keys/private');
    for (const partner of PARTNERS) {
      expect(services[partner]!.environment!.HUB_PUBLIC_KEY_DIR).toBe('/keys/public');
      expect(services[partner]!.environment!.HUB_KEY_DIR).toBeUndefined();
    }
  });

  it('runs the services with a read-only root file system, in production mode', () => {
    for (const name of ['keys', 'gateway', ...PARTNERS]) {
      expect(services[name]!.read_only).toBe(true);
      expect(services[name]!.environment!.NODE_ENV).toBe('production');
      // Metrics on loopback inside the container: no partner's container and no published port reaches them.
      expect(services[name]!.environment!.HUB_METRICS_HOST).toBe('127.0.0.1');
    }
  });
});
