import { join } from 'node:path';

/** The sharing agreements the gateway enforces, versioned with the code (spec §7). */
export const AGREEMENTS_DIR = join(__dirname, '..', '..', 'agreements');
