#!/usr/bin/env node
// First: tracing (when OTEL_TRACES_EXPORTER asks for it) must start before pg and http load.
import './start-tracing';
import { configureLogging } from '@hub/shared';
import { agreementsCommand } from './commands/agreements';
import { auditCommand } from './commands/audit';
import { apiSchemaCommand, composeCommand } from './commands/compose';
import { keysCommand } from './commands/keys';
import { secretsCommand } from './commands/secrets';
import { seedCommand } from './commands/seed';
import { serveCommand } from './commands/serve';
import { startCommand } from './commands/start';
import { tokenCommand } from './commands/token';
import { printNote } from './cli-output';

const USAGE = `usage: npm run hub -- <command>
  start                 start every service (what npm start runs)
  compose               compose the subgraph schemas into gateway/supergraph.graphql
  api-schema            write gateway/api-schema.graphql (the supergraph API and the gateway's
                        own fields), from which the console's typed operations are generated
  seed [--scale N] [--seed S]
                        replace the demo data with a generated population of N subjects
  serve <service>       run one service alone (gateway, police, ...), as a container does
  keys                  create the gateway's, the audit log's and (outside production) the dev
                        issuer's keys in HUB_KEY_DIR; publish the gateway's public key alone in
                        HUB_PUBLIC_KEY_DIR (what the compose file's keys job runs)
  secrets [--dir DIR]   write a random password per database into .data/secrets (or DIR) where
                        none exists: the files docker-compose.yml hands to each database and service
  agreements check [dir]
                        validate the sharing agreements (default gateway/agreements) against
                        the committed supergraph, as the gateway does before it starts
  token [userId]        print a dev token for a demo user; without one, list the demo users
  audit verify [--from ISO] [--to ISO]
                        check the disclosure log's hash chains and signed checkpoints; exits 1
                        naming the first bad record
  audit export [--format jsonl|csv] [--from ISO] [--to ISO] [--subject SUBJ-…] [--out file]
                        the disclosure log for auditors (stdout by default); with --subject,
                        a subject access answer (exempt lines listed as withheld)`;

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  start: () => startCommand(),
  compose: () => composeCommand(),
  'api-schema': async () => apiSchemaCommand(),
  seed: (args) => seedCommand(args),
  serve: (args) => serveCommand(args),
  keys: () => keysCommand(),
  secrets: (args) => secretsCommand(args),
  agreements: (args) => agreementsCommand(args),
  token: (args) => tokenCommand(args),
  audit: (args) => auditCommand(args),
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    printNote(USAGE);
    process.exit(name ? 2 : 0);
  }
  // The services log to stdout; a command whose stdout is its answer (a token, an export) logs to stderr.
  if (name !== 'start' && name !== 'serve') configureLogging({ destination: 'stderr' });
  await command(args);
}

main().catch((error: unknown) => {
  printNote(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
