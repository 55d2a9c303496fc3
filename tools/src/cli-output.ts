/**
 * What a command prints for the person who ran it: its answer on stdout (a token, a report, a
 * table, the addresses `npm start` serves), notes and usage on stderr. This is the command's
 * interface (`TOKEN=$(npm run -s hub -- token …)`), not a log: the services log through
 * `logger()` from @hub/shared, one JSON object per line.
 */
export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function printNote(text: string): void {
  process.stderr.write(`${text}\n`);
}
