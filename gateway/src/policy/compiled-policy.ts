import { isObjectType, Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Agreement, FieldRule, OperationRule } from '../agreements/agreement.types';
import { expand } from '../agreements/field-coordinates';
import { recordCondition } from './conditions/registry';
import type { RecordCondition } from './conditions/record-condition';

/** A field rule with the agreement it belongs to, as every decision must name both. */
export interface CompiledRule extends FieldRule {
  agreement: Agreement;
  /** `isa-msht-wm@1`. */
  agreementRef: string;
  /** The rule's place across all agreements, in file order: covering rules are considered in it. */
  order: number;
  /** The `when` conditions, resolved from the registry. */
  conditions: readonly RecordCondition[];
  /** A disclosure on request (workflows/requests/grants.ts): the one subject it is about. */
  grantSubject?: string;
}

/** An operation rule with the agreement it belongs to. */
export interface CompiledOperationRule extends OperationRule {
  agreement: Agreement;
  agreementRef: string;
}

/** The agreements, indexed for the per-request decisions. Built once at start-up. */
export class CompiledPolicy {
  /** Coordinate (`PoliceRecord.names`) → the rules that name it, in file order. */
  readonly rulesAt = new Map<string, CompiledRule[]>();
  /** Coordinates anyone authenticated may read in the directory (rule 10). */
  readonly publicCoordinates = new Set<string>();
  /** Coordinates some rule with record conditions names: graphql-shield decides these per value. */
  readonly conditionalCoordinates = new Set<string>();
  /** Rule id → the rule, as a disclosure record names it (the first in file order if two agreements share an id). */
  readonly rulesById = new Map<string, CompiledRule>();
  /** `Mutation.x` → who may call it (deny by default). */
  readonly operationRulesAt = new Map<string, CompiledOperationRule[]>();
  /** The gateway's own types and root fields: their resolvers decide who may call them. */
  private readonly gatewayCoordinates: ReadonlySet<string>;

  constructor(
    readonly agreements: readonly Agreement[],
    schema: GraphQLSchema,
    gatewayTypeDefs?: DocumentNode,
  ) {
    this.gatewayCoordinates = new Set(gatewayTypeDefs ? gatewayCoordinatesOf(gatewayTypeDefs, schema) : []);
    let order = 0;
    for (const agreement of agreements) {
      for (const coordinate of expand(agreement.publicFields, schema)) this.publicCoordinates.add(coordinate);
      for (const operation of agreement.operations) {
        const list = this.operationRulesAt.get(operation.operation) ?? [];
        list.push({ ...operation, agreement, agreementRef: `${agreement.id}@${agreement.version}` });
        this.operationRulesAt.set(operation.operation, list);
      }
      for (const rule of agreement.rules) {
        const compiled: CompiledRule = {
          ...rule,
          agreement,
          agreementRef: `${agreement.id}@${agreement.version}`,
          order: order++,
          conditions: (rule.when ?? []).map(recordCondition),
        };
        if (!this.rulesById.has(rule.id)) this.rulesById.set(rule.id, compiled);
        for (const coordinate of expand(rule.fields, schema)) {
          const list = this.rulesAt.get(coordinate) ?? [];
          list.push(compiled);
          this.rulesAt.set(coordinate, list);
          if (compiled.conditions.length > 0) this.conditionalCoordinates.add(coordinate);
        }
      }
    }
  }

  rulesNaming(coordinate: string): readonly CompiledRule[] {
    return this.rulesAt.get(coordinate) ?? [];
  }

  isGatewayField(coordinate: string): boolean {
    return this.gatewayCoordinates.has(coordinate);
  }

  isPublic(coordinate: string): boolean {
    return this.publicCoordinates.has(coordinate);
  }
}

/**
 * Read off the gateway's own SDL, so a field added there is the gateway's without a second list:
 * every field of every type it defines, and the root fields it adds. A partner's root field added
 * to the supergraph later is not among them and comes under the agreement.
 */
function gatewayCoordinatesOf(typeDefs: DocumentNode, schema: GraphQLSchema): string[] {
  const coordinates: string[] = [];
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const typeName = definition.name.value;
    for (const field of definition.fields ?? []) coordinates.push(`${typeName}.${field.name.value}`);
  }
  for (const coordinate of coordinates) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    if (!isObjectType(type) || !type.getFields()[fieldName]) throw new Error(`gateway field ${coordinate} is not in the served schema`);
  }
  return coordinates;
}
