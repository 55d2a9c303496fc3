import type { GraphQLSchema } from 'graphql';
import type { OperationRule } from './agreement.types';
import { readAudience, isAgreementPurpose, purposeProblem, withoutUndefined, type RuleContext } from './validate-rule';
import type { YamlMapping } from './yaml-mapping';

const OPERATION_KEYS = ['id', 'description', 'clause', 'operation', 'recipients', 'purposes', 'whileNotInForce'];
const OPERATION_ID = /^W\d+[a-z]?-[a-z0-9-]+$/;

/**
 * Reads one operation rule: who may call one of the hub's mutations, for which purposes. Only
 * allows exist: a mutation no rule names is refused (deny by default).
 */
export function readOperation(rule: YamlMapping, context: RuleContext & { schema: GraphQLSchema }): OperationRule {
  rule.rejectUnknownKeys(OPERATION_KEYS);
  const recipients = rule.mapping('recipients', `${rule.subject}, recipients`);
  if (recipients && recipients.keys().length === 0)
    rule.report(rule.lineOfKey('recipients'), 'an operation rule must name its recipients ({} means everyone)');
  return withoutUndefined({
    id: rule.string('id', (v) =>
      OPERATION_ID.test(v) ? undefined : `operation rule id '${v}' must look like W<n>[letter]-<words>, e.g. W1-request-information`,
    ),
    description: rule.string('description'),
    clause: rule.optionalString('clause'),
    operation: rule.string('operation', (v) => operationProblem(v, context.schema)),
    recipients: recipients ? readAudience(recipients, context) : {},
    purposes: rule.optionalStrings('purposes', { check: (p) => purposeProblem(p, context) })?.filter(isAgreementPurpose(context)),
    whileNotInForce: rule.optionalBoolean('whileNotInForce'),
    line: rule.line,
  });
}

function operationProblem(coordinate: string, schema: GraphQLSchema): string | undefined {
  const [typeName, fieldName, ...rest] = coordinate.split('.');
  if (typeName !== 'Mutation' || !fieldName || rest.length > 0) return `'${coordinate}' is not a mutation (Mutation.field)`;
  return schema.getMutationType()?.getFields()[fieldName] ? undefined : `unknown mutation '${coordinate}'`;
}
