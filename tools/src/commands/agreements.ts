import { resolve } from 'node:path';
import { AGREEMENTS_DIR, agreementStatusOnFile, buildGatewaySchema, loadAgreements } from '@hub/gateway';
import { print } from '../cli-output';

const USAGE = 'usage: hub agreements check [dir]';

/**
 * `hub agreements check [dir]`: validates the sharing agreements against the committed
 * supergraph exactly as the gateway does at start-up, so a bad edit fails review, not a deploy.
 */
export async function agreementsCommand(args: string[]): Promise<void> {
  const [subcommand, dir = AGREEMENTS_DIR, ...extra] = args;
  if (subcommand !== 'check' || extra.length > 0) throw new Error(USAGE);
  // The schema is only inspected, never executed, so no subgraph needs to be running.
  const schema = buildGatewaySchema();
  const today = new Date();
  for (const agreement of loadAgreements(resolve(dir), schema)) {
    const status = agreementStatusOnFile(agreement, today);
    print(`${agreement.id}@${agreement.version}: ${agreement.rules.length} rules, ${status}, review by ${agreement.reviewBy}`);
  }
}
