import { join } from 'node:path';

/** The sharing agreements the gateway enforces, versioned with the code (docs/agreement.md). */
export const AGREEMENTS_DIR = join(__dirname, '..', '..', 'agreements');
