import { generatePopulation, SUBGRAPH_NAMES } from '@hub/shared';
import { resolveDatabases } from '../runtime/databases';
import { seedDatabases } from '../runtime/seed-databases';
import { print } from '../cli-output';

/** `hub seed --scale N [--seed S]`: regenerates every partner's demo data, in bulk. */
export async function seedCommand(args: string[]): Promise<void> {
  const scale = Number(flag(args, '--scale') ?? 500);
  const seed = flag(args, '--seed') ?? 'partner-hub';
  if (!Number.isInteger(scale) || scale < 4 || scale > 2_000_000) throw new Error('--scale must be a whole number from 4 to 2,000,000');

  const began = Date.now();
  const population = generatePopulation({ scale, seed });
  const generated = Date.now();
  const databases = await resolveDatabases(SUBGRAPH_NAMES);
  try {
    for (const r of await seedDatabases(databases.urls, population, databases.real)) {
      const rows = Object.values(r.counts).reduce((a, b) => a + b, 0);
      print(`${r.name.padEnd(16)} ${String(rows).padStart(9)} rows in ${(r.ms / 1000).toFixed(1)} s  ${JSON.stringify(r.counts)}`);
    }
    print(
      `seeded ${scale} subjects (seed "${seed}"): generated in ${((generated - began) / 1000).toFixed(1)} s, total ${((Date.now() - began) / 1000).toFixed(1)} s`,
    );
  } finally {
    await databases.stop();
  }
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
