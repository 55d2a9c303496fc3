import { isAlias, isMap, isNode, isScalar, isSeq, type LineCounter, type Node, type YAMLMap } from 'yaml';

/** What is wrong with one value, or undefined when it is fine. */
export type ValueCheck = (value: string) => string | undefined;

/** Collects problems for one file, each pinned to the line of the node at fault. */
export class FileProblems {
  private readonly found: { line: number; message: string }[] = [];

  constructor(
    readonly file: string,
    private readonly lineCounter: LineCounter,
  ) {}

  lineAt(offset: number): number {
    return this.lineCounter.linePos(offset).line;
  }

  lineOf(node: Node): number {
    return this.lineAt(node.range?.[0] ?? 0);
  }

  report(line: number, message: string): void {
    this.found.push({ line, message });
  }

  /** `<file>:<line>: <message>`, in the order of the file so they read alongside it. */
  list(): string[] {
    return [...this.found].sort((a, b) => a.line - b.line).map((p) => `${this.file}:${p.line}: ${p.message}`);
  }
}

/**
 * Typed, checked access to one YAML mapping. A value with a problem is reported and replaced
 * by a placeholder ('' or []) so validation can go on and report everything; the loader
 * throws when there is any problem, so a placeholder never reaches the gateway.
 */
export class YamlMapping {
  constructor(
    private readonly map: YAMLMap,
    private readonly problems: FileProblems,
    /** Prefixes its messages, e.g. `rule R3-police-intelligence`; empty at the top level. */
    readonly subject = '',
  ) {}

  /** Wraps `node` if it is a mapping; otherwise reports that it should be one. */
  static of(node: Node | null | undefined, problems: FileProblems, subject: string, fallbackLine: number): YamlMapping | undefined {
    if (isMap(node)) return new YamlMapping(node, problems, subject);
    problems.report(node ? problems.lineOf(node) : fallbackLine, `${subject ? `${subject}: ` : ''}must be a mapping (key: value)`);
    return undefined;
  }

  get line(): number {
    return this.problems.lineOf(this.map);
  }

  lineOfKey(key: string): number {
    const pair = this.map.items.find((p) => keyName(p.key) === key);
    return pair && isScalar(pair.key) ? this.problems.lineOf(pair.key) : this.line;
  }

  report(line: number, message: string): void {
    this.problems.report(line, this.subject ? `${this.subject}: ${message}` : message);
  }

  keys(): string[] {
    return this.map.items.map((p) => keyName(p.key));
  }

  has(key: string): boolean {
    return this.keys().includes(key);
  }

  /** A misspelt key must not silently drop a restriction, so any key not listed is an error. */
  rejectUnknownKeys(allowed: readonly string[]): void {
    for (const key of this.keys()) {
      if (!allowed.includes(key)) this.report(this.lineOfKey(key), `unknown key '${key}' (expected one of: ${allowed.join(', ')})`);
    }
  }

  /** A non-empty string. */
  string(key: string, check?: ValueCheck): string {
    return this.optionalString(key, check) ?? this.missing(key, '');
  }

  optionalString(key: string, check?: ValueCheck): string | undefined {
    const node = this.valueNode(key);
    if (node === undefined) return undefined;
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
      this.report(this.problems.lineOf(node), `${key} must be a non-empty string`);
      return '';
    }
    this.checkValue(node, node.value, check);
    return node.value;
  }

  /** One of `allowed`; undefined (reported) when missing or not one of them. */
  choice<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(key, (v) =>
      includes(allowed, v) ? undefined : `${key} '${v}' is not one of: ${allowed.join(', ')}`,
    );
    if (value === undefined) this.missing(key, undefined);
    return value !== undefined && includes(allowed, value) ? value : undefined;
  }

  optionalChoice<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    return this.has(key) ? this.choice(key, allowed) : undefined;
  }

  positiveInteger(key: string): number {
    const node = this.valueNode(key);
    if (node === undefined) return this.missing(key, 0);
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value) || node.value < 1) {
      this.report(this.problems.lineOf(node), `${key} must be a positive whole number`);
      return 0;
    }
    return node.value;
  }

  optionalBoolean(key: string): boolean | undefined {
    const node = this.valueNode(key);
    if (node === undefined) return undefined;
    if (!isScalar(node) || typeof node.value !== 'boolean') {
      this.report(this.problems.lineOf(node), `${key} must be true or false`);
      return undefined;
    }
    return node.value;
  }

  /**
   * A list of non-empty strings. Empty lists are refused unless `allowEmpty`: in a rule,
   * `roles: []` could be read as "nobody" or as "everyone", so omitting the key is the only
   * way to say "everyone".
   */
  strings(key: string, options: { check?: ValueCheck; allowEmpty?: boolean } = {}): string[] {
    return this.optionalStrings(key, options) ?? this.missing(key, []);
  }

  optionalStrings(key: string, { check, allowEmpty = false }: { check?: ValueCheck; allowEmpty?: boolean } = {}): string[] | undefined {
    const node = this.valueNode(key);
    if (node === undefined) return undefined;
    if (!isSeq(node)) {
      this.report(this.problems.lineOf(node), `${key} must be a list`);
      return [];
    }
    if (node.items.length === 0 && !allowEmpty) this.report(this.problems.lineOf(node), `${key} must not be empty (omit it instead)`);
    const values: string[] = [];
    for (const item of node.items) {
      if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
        this.report(this.problems.lineOf(isNode(item) ? item : node), `${key} must list non-empty strings`);
        continue;
      }
      this.checkValue(item, item.value, check);
      values.push(item.value);
    }
    return values;
  }

  /** Like `optionalStrings`, but each value must be one of `allowed` (`what` names one in errors). */
  optionalMembers<T extends string>(key: string, allowed: readonly T[], what: string): T[] | undefined {
    const values = this.optionalStrings(key, { check: (v) => (includes(allowed, v) ? undefined : `unknown ${what} '${v}'`) });
    return values?.filter((v): v is T => includes(allowed, v));
  }

  members<T extends string>(key: string, allowed: readonly T[], what: string): T[] {
    return this.optionalMembers(key, allowed, what) ?? this.missing(key, []);
  }

  mapping(key: string, subject = this.subject): YamlMapping | undefined {
    return this.optionalMapping(key, subject) ?? this.missing(key, undefined);
  }

  optionalMapping(key: string, subject = this.subject): YamlMapping | undefined {
    const node = this.valueNode(key);
    return node === undefined ? undefined : YamlMapping.of(node, this.problems, subject, this.lineOfKey(key));
  }

  /** A list of mappings, e.g. `rules`; `subjectOf` names each one in messages. */
  mappings(key: string, subjectOf: (item: YAMLMap, index: number) => string): YamlMapping[] {
    return this.optionalMappings(key, subjectOf) ?? this.missing(key, []);
  }

  optionalMappings(key: string, subjectOf: (item: YAMLMap, index: number) => string): YamlMapping[] | undefined {
    const node = this.valueNode(key);
    if (node === undefined) return undefined;
    if (!isSeq(node)) {
      this.report(this.problems.lineOf(node), `${key} must be a list`);
      return [];
    }
    return node.items.flatMap((item, index) => {
      const subject = isMap(item) ? subjectOf(item, index) : `${key}[${index}]`;
      return YamlMapping.of(isNode(item) ? item : undefined, this.problems, subject, this.problems.lineOf(node)) ?? [];
    });
  }

  private valueNode(key: string): Node | undefined {
    const pair = this.map.items.find((p) => keyName(p.key) === key);
    if (!pair) return undefined;
    const value = pair.value;
    // Aliases are refused: each rule must read on its own in review, and an alias would make a
    // rule's meaning depend on text elsewhere in the file.
    if (isAlias(value)) {
      this.report(this.problems.lineOf(value), `${key}: aliases (*name) are not allowed, write the value out`);
      return undefined;
    }
    if (isScalar(value) || isMap(value) || isSeq(value)) return value;
    // `key:` with nothing after it: present, but with no value of any type.
    this.report(this.lineOfKey(key), `${key} has no value`);
    return undefined;
  }

  private checkValue(node: Node, value: string, check: ValueCheck | undefined): void {
    const problem = check?.(value);
    if (problem) this.report(this.problems.lineOf(node), problem);
  }

  private missing<T>(key: string, placeholder: T): T {
    if (!this.has(key)) this.report(this.line, `missing required key '${key}'`);
    return placeholder;
  }
}

function keyName(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function includes<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value);
}
