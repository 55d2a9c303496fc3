import { environment, logger, shutdownTracing, SUBGRAPH_NAMES } from '@hub/shared';
import { print } from '../cli-output';
import { DATA_DIR, resolveDatabases } from '../runtime/databases';
import { storedHubKeys } from '../runtime/hub-keys';
import { launchHub } from '../runtime/launch-hub';
import { FIRST_QUERY } from '../first-query';

const DEMO_SCALE = environment().demoScale;

/** `npm start`: every service in one process, on its standard port, until Ctrl-C. */
export async function startCommand(): Promise<void> {
  const began = Date.now();
  const databases = await resolveDatabases([...SUBGRAPH_NAMES, 'hub']);
  if (databases.embedded.length > 0) {
    logger('hub').info(
      { embedded: databases.embedded },
      `embedded PostgreSQL (PGlite) for ${databases.embedded.join(', ')} under .data/ — set DATABASE_URL to use a server`,
    );
  }
  let hub;
  try {
    hub = await launchHub({
      databaseUrls: databases.urls,
      realPostgres: databases.real,
      ports: 'default',
      seedIfEmpty: DEMO_SCALE,
      keys: await storedHubKeys(DATA_DIR),
    });
  } catch (error) {
    await databases.stop();
    throw error;
  }
  if (hub.seeded.length > 0) {
    logger('hub').info(
      { subjects: DEMO_SCALE, seeded: hub.seeded },
      `seeded the demo population (${DEMO_SCALE} subjects) into ${hub.seeded.join(', ')}`,
    );
  }
  logger('gateway').info({ port: hub.gateway.port }, 'gateway listening');
  // What follows is for the person at the terminal: addresses and a first query, as plain text.
  for (const s of Object.values(hub.subgraphs)) print(`  ${s.name.padEnd(16)} ${s.url}`);
  // One write: whoever waits for "gateway ready" finds the console's address with it.
  print(
    `\nPartner Hub gateway ready in ${((Date.now() - began) / 1000).toFixed(1)} s: ${hub.gateway.url}\n` +
      `Partner Hub console: ${hub.gateway.url.replace(/\/graphql$/, '/')}  (sign in as a demo user)\n`,
  );
  print(
    'Get a token for a demo user (la.safeguarding, police.investigator, nhs.safeguarding, ngo.caseworker, ...; "token" alone lists them):',
  );
  print('  npm run -s hub -- token la.safeguarding\n');
  print(
    `First query (headers: Authorization: Bearer <token>, X-Hub-Purpose: IDENTIFY_VICTIMS, X-Hub-Case-Ref: BCC/MSHT/2026/0042):\n${FIRST_QUERY}\n`,
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger('hub').info('stopping');
    await hub.stop();
    await databases.stop();
    await shutdownTracing();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
