/**
 * What telemetry may say about a value it did not write itself. The hub's logs, metrics and
 * traces carry rule ids, owners, field coordinates, outcomes and counts — never a name, an NHS
 * number, a date of birth, an address, a subject reference, query text or variables. Our own
 * messages are constants; these functions make the text that comes from elsewhere (an error
 * message, a SQL statement) safe to keep.
 */

/** Quoted text: 'x', "x", `x`, and PostgreSQL's `Key (col)=(value)` details. */
const QUOTED = /'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.)*"|`[^`]*`|=\([^)]*\)/g;
/**
 * Runs of digits, with the spaces, dashes, dots and slashes people put in them: NHS numbers
 * (`943 476 5919`), dates of birth, UPRNs, subject references (`SUBJ-000001`), phone numbers.
 * Four digits or more; shorter numbers (ports aside, counts, SQLSTATE classes) stay.
 */
const DIGIT_RUNS = /[A-Za-z]*-?\d[\d\s\-./:]{2,}\d/g;
const EMAILS = /[^\s@"'<>()]+@[^\s@"'<>()]+\.[^\s@"'<>()]+/g;
/** A JSON or GraphQL body pasted into an error: everything from the first brace on. */
const BRACED = /[{[][\s\S]*$/;

/** An error message or similar with every quoted value, number run, e-mail and body removed. */
export function scrubText(text: string, maxLength = 240): string {
  return text
    .replace(BRACED, '{…}')
    .replace(QUOTED, (m) => (m.startsWith('=(') ? '=(…)' : `${m[0]}…${m[m.length - 1]}`))
    .replace(EMAILS, '…@…')
    .replace(DIGIT_RUNS, '#')
    .slice(0, maxLength);
}

export interface SafeError {
  type: string;
  /** SQLSTATE, a GraphQL extension code, or a Node error code. */
  code?: string;
  message: string;
  /** Stack frames only (file and line): the first line of a stack repeats the message. */
  stack?: string[];
  /** PostgreSQL's own fields that name the schema, not the data. */
  table?: string;
  constraint?: string;
  routine?: string;
  cause?: SafeError;
}

/**
 * An error as the logs may show it. `detail`, `where`, `hint`, `parameters`, `query`, `source`,
 * `variables` and any other property are dropped: pg puts row values in `detail`, graphql-js the
 * query text in `source`.
 */
export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: typeof error === 'string' ? scrubText(error) : '(not an Error)' };
  const e = error as Error & { code?: unknown; extensions?: { code?: unknown }; table?: unknown; constraint?: unknown; routine?: unknown };
  const code = typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code) : stringOrUndefined(e.extensions?.code);
  const frames = e.stack
    ?.split('\n')
    .filter((line) => line.startsWith('    at '))
    .slice(0, 12)
    .map((line) => line.trim());
  const cause = (e as { cause?: unknown }).cause;
  return {
    type: e.name || e.constructor?.name || 'Error',
    ...(code !== undefined && CODE.test(code) && { code }),
    message: scrubText(e.message ?? ''),
    ...(frames && frames.length > 0 && { stack: frames }),
    ...(typeof e.table === 'string' && { table: e.table }),
    ...(typeof e.constraint === 'string' && { constraint: e.constraint }),
    ...(typeof e.routine === 'string' && { routine: e.routine }),
    ...(cause !== undefined && depth < 2 && { cause: safeError(cause, depth + 1) }),
  };
}

/** SQLSTATE (`23505`), Node (`ECONNREFUSED`) and GraphQL (`BAD_USER_INPUT`) codes; anything else is dropped. */
const CODE = /^[A-Za-z0-9_]{1,40}$/;

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

const SQL_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+((?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*))?)/gi;

/**
 * What a log may say about a SQL statement: its first word and the tables it names
 * (`SELECT patients, patient_names`), never its literals or parameters.
 */
export function statementSummary(sql: string): string {
  const verb = /^\s*(?:\/\*[\s\S]*?\*\/\s*)?([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() ?? '?';
  const tables = new Set<string>();
  for (const match of sql.matchAll(SQL_TABLE)) {
    const name = match[1]!.replace(/"/g, '');
    if (/^[A-Za-z_][\w$.]*$/.test(name)) tables.add(name);
    if (tables.size >= 6) break;
  }
  return tables.size > 0 ? `${verb} ${[...tables].join(', ')}` : verb;
}

/** A SQL statement with its literals replaced: `WHERE name = 'Tomasz'` → `WHERE name = ?`; `$1` stays. */
export function scrubSql(sql: string, maxLength = 2000): string {
  return sql
    .replace(/(?:\bE)?'(?:[^'\\]|\\.|'')*'/g, '?')
    .replace(/(?<![$\w."])-?\b\d+(?:\.\d+)?\b/g, '?')
    .slice(0, maxLength);
}
