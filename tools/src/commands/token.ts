import { loadOrCreateKeyPair, issueDevToken } from '@hub/gateway';
import { DEMO_USERS, demoUser } from '@hub/shared';
import { decodeJwt } from 'jose';
import { KEY_DIR } from './serve';
import { print, printNote } from '../cli-output';

/**
 * `hub token <userId>`: a dev token for a demo user on stdout (so `$(npm run -s hub -- token …)`
 * captures just the token), and who it is for on stderr. The key is the one the gateway trusts
 * as the dev issuer, kept under .data/keys (or `HUB_KEY_DIR`) so tokens survive restarts.
 */
export async function tokenCommand(args: string[]): Promise<void> {
  const [userId] = args;
  if (!userId) {
    print(`usage: npm run hub -- token <userId>\n\n${demoUserList()}`);
    return;
  }
  const user = demoUser(userId);
  if (!user) throw new Error(`unknown demo user "${userId}"\n\n${demoUserList()}`);

  const token = await issueDevToken(user.id, await loadOrCreateKeyPair(KEY_DIR, 'dev-issuer'));
  const expires = new Date(decodeJwt(token).exp! * 1000).toISOString();
  const approval = user.approval ? '' : ' — not approved: the hub will refuse it data';
  printNote(`token for ${user.id} (${user.name}, ${user.org}, ${user.roles.join(', ')}), expires ${expires}${approval}`);
  print(token);
}

function demoUserList(): string {
  const rows = DEMO_USERS.map((u) => [
    u.id,
    u.org,
    u.roles.join(', '),
    u.approval ? `approved until ${u.approval.expiresOn}` : 'not approved',
  ]);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`.trimEnd());
  return `demo users:\n${lines.join('\n')}`;
}
