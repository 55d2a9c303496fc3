import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { LineCounter, parseDocument } from 'yaml';
import { AgreementError } from './agreement-error';
import type { Agreement } from './agreement.types';
import { readAgreement } from './validate-agreement';
import { FileProblems, YamlMapping } from './yaml-mapping';

/**
 * Every `*.yaml` agreement in `dir`, checked against the supergraph `schema`. Throws an
 * `AgreementError` listing every problem in every file: the gateway must not start on an
 * agreement it cannot fully understand (fail closed).
 */
export function loadAgreements(dir: string, schema: GraphQLSchema): Agreement[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  // No agreement at all would deny everything silently; it is a wrong directory, not a policy.
  if (files.length === 0) throw new AgreementError(dir, [`${dir}: no *.yaml agreement files`]);

  const problems: string[] = [];
  const agreements: Agreement[] = [];
  const definedAt = new Map<string, string>();
  for (const file of files) {
    const read = readAgreementFile(file, readFileSync(join(dir, file), 'utf8'), schema, problems);
    if (!read) continue;
    const { agreement, idLine } = read;
    const first = definedAt.get(agreement.id);
    if (first) problems.push(`${file}:${idLine}: agreement id '${agreement.id}' is already used by ${first}`);
    else definedAt.set(agreement.id, `${file}:${idLine}`);
    agreements.push(agreement);
  }
  if (problems.length > 0) throw new AgreementError(dir, problems);
  return agreements;
}

/** One file's agreement, or undefined when it does not parse as a YAML mapping (problems say why). */
function readAgreementFile(
  file: string,
  text: string,
  schema: GraphQLSchema,
  problems: string[],
): { agreement: Agreement; idLine: number } | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const fileProblems = new FileProblems(file, lineCounter);
  // YAML that does not parse cleanly (duplicate keys, bad indentation) is not checked further:
  // what it means is uncertain, and that is already reason enough to refuse it.
  const yamlErrors = [...document.errors, ...document.warnings];
  for (const error of yamlErrors) fileProblems.report(fileProblems.lineAt(error.pos[0]), error.message);
  const root = yamlErrors.length === 0 ? YamlMapping.of(document.contents, fileProblems, '', 1) : undefined;
  const read = root && { agreement: readAgreement(root, schema, file), idLine: root.lineOfKey('id') };
  problems.push(...fileProblems.list());
  return read;
}
