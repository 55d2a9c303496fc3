import type { Difference, DifferenceClass } from './compare';

/**
 * The differences of a run, grouped so the gateway's author can read them: per class, how many
 * cases and which personas, and the distinct signatures (a field, a rule) with their counts.
 */

export const CLASS_ORDER: DifferenceClass[] = [
  'over-disclosure',
  'under-disclosure',
  'shape',
  'errors',
  'notices',
  'log',
  'indistinguishability',
  'harness',
];

const CLASS_MEANING: Record<DifferenceClass, string> = {
  'over-disclosure': 'the response carries a value docs/policy.md withholds',
  'under-disclosure': 'docs/policy.md shows a value the response does not carry',
  shape: 'same values, different shape (e.g. [] or an empty object where §5 says null)',
  errors: 'FORBIDDEN errors differ (path + rule), or other errors appear',
  notices: 'extensions.policyNotices differ as sets of {at, rule}',
  log: 'disclosure_records.fields_disclosed differ from what the response carries (§7)',
  indistinguishability: 'two subjects that must look alike (withheld = absent) got different answers',
  harness: 'the harness could not run a case (HTTP error, oracle error)',
};

interface Signature {
  cases: number;
  personas: Set<string>;
  example: string;
  exampleCase: number;
}

interface ClassFindings {
  cases: Set<number>;
  personas: Set<string>;
  signatures: Map<string, Signature>;
  /** The case index chosen to reproduce the class. */
  representative: number;
}

export class Findings {
  readonly byClass = new Map<DifferenceClass, ClassFindings>();
  casesWithDifferences = new Set<number>();

  add(caseIndex: number, persona: string, differences: Difference[]): void {
    const seen = new Set<string>();
    for (const d of differences) {
      this.casesWithDifferences.add(caseIndex);
      let c = this.byClass.get(d.class);
      if (!c) this.byClass.set(d.class, (c = { cases: new Set(), personas: new Set(), signatures: new Map(), representative: caseIndex }));
      c.cases.add(caseIndex);
      c.personas.add(persona);
      const key = `${d.class}|${d.signature}`;
      let s = c.signatures.get(d.signature);
      if (!s) c.signatures.set(d.signature, (s = { cases: 0, personas: new Set(), example: d.detail, exampleCase: caseIndex }));
      if (!seen.has(key)) s.cases++;
      seen.add(key);
      s.personas.add(persona);
    }
  }

  get empty(): boolean {
    return this.byClass.size === 0;
  }

  text(options: { maxSignatures?: number } = {}): string {
    const max = options.maxSignatures ?? 15;
    const lines: string[] = [];
    for (const cls of CLASS_ORDER) {
      const c = this.byClass.get(cls);
      if (!c) continue;
      lines.push(`\n== ${cls}: ${c.cases.size} cases, ${c.personas.size} personas (${CLASS_MEANING[cls]})`);
      const sigs = [...c.signatures.entries()].sort((a, b) => b[1].cases - a[1].cases);
      for (const [sig, s] of sigs.slice(0, max)) {
        lines.push(`   ${String(s.cases).padStart(6)} × ${sig}   [${[...s.personas].sort().join(', ')}]`);
        lines.push(`            e.g. case ${s.exampleCase}: ${s.example.replace(/\s+/g, ' ').slice(0, 220)}`);
      }
      if (sigs.length > max) lines.push(`          … and ${sigs.length - max} more signatures`);
    }
    return lines.join('\n');
  }
}
