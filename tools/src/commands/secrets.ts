import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseSuffix, DATABASE_OWNERS } from '@hub/shared';
import { DATA_DIR } from '../runtime/databases';
import { print } from '../cli-output';

/** The secret files docker-compose.yml reads: one password per database, so no service holds another's. */
export const DATABASE_SECRETS = DATABASE_OWNERS.map((owner) => ({ owner, file: `${databaseSuffix(owner)}_db_password` }));

/**
 * `hub secrets [--dir DIR]`: writes a random password for each database that has none yet
 * (default `.data/secrets/`), for `docker compose` to hand to the database and to its one service.
 * The folder is the owner's alone (0700); the files are 0644 because Compose bind-mounts them as
 * they are into containers whose users (node, postgres) are not the host's.
 */
export async function secretsCommand(args: string[]): Promise<void> {
  const i = args.indexOf('--dir');
  const dir = i >= 0 && args[i + 1] ? args[i + 1]! : join(DATA_DIR, 'secrets');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  for (const { file } of DATABASE_SECRETS) {
    const path = join(dir, file);
    if (existsSync(path)) {
      print(`${path} kept`);
      continue;
    }
    writeFileSync(path, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o644, flag: 'wx' });
    print(`${path} created`);
  }
}
