import { isObjectType, type GraphQLSchema } from 'graphql';
import type { Agreement, FieldRule, RecordCondition } from '../agreements/agreement.types';

/** A field rule with the agreement it belongs to, as every decision must name both. */
export interface CompiledRule extends FieldRule {
  agreement: Agreement;
  /** `isa-msht-wm@1`. */
  agreementRef: string;
}

/** Conditions decided on a list's items, one by one (the list keeps the items that pass). */
export const ITEM_CONDITIONS: ReadonlySet<RecordCondition> = new Set([
  'handlingCodePermitsSharing',
  'episodeConsentNamesRecipient',
  'recipientIsProvider',
]);
/** Conditions decided on facts about the subject the field belongs to. */
export const SUBJECT_CONDITIONS: ReadonlySet<RecordCondition> = new Set([
  'subjectIsChild',
  'subjectConsentNamesRecipient',
  'subjectUnderSection47Enquiry',
]);

/** Fields that only carry a reference the client itself supplied, or structure. Never personal. */
const STRUCTURAL = new Set([
  'Query.person',
  'Query.people',
  'Query.location',
  'Query.stats',
  'Person.id',
  'Location.uprn',
  'SupportService.id',
  'Statistics.period',
]);

/** The agreements, indexed for the per-request decisions. Built once at start-up. */
export class CompiledPolicy {
  /** Coordinate (`PoliceRecord.names`) → the rules that name it. */
  readonly rulesAt = new Map<string, CompiledRule[]>();
  /** Coordinates anyone authenticated may read (rule 10). */
  readonly publicCoordinates = new Set<string>();
  /** Coordinates where some rule has record conditions: graphql-shield decides these per value. */
  readonly conditionalCoordinates = new Set<string>();

  /** The gateway's own fields (explain, agreements): the policy leaves them to their resolvers. */
  private readonly gatewayCoordinates = new Set<string>();

  constructor(
    readonly agreements: readonly Agreement[],
    schema: GraphQLSchema,
    gatewayFields: { types: string[]; fields: string[] } = { types: [], fields: [] },
  ) {
    for (const coordinate of [
      ...expand(
        gatewayFields.types.map((t) => `${t}.*`),
        schema,
      ),
      ...gatewayFields.fields,
    ]) {
      this.gatewayCoordinates.add(coordinate);
    }
    for (const agreement of agreements) {
      for (const coordinate of expand(agreement.publicFields, schema)) this.publicCoordinates.add(coordinate);
      for (const rule of agreement.rules) {
        const compiled: CompiledRule = { ...rule, agreement, agreementRef: `${agreement.id}@${agreement.version}` };
        for (const coordinate of expand(rule.fields, schema)) {
          const list = this.rulesAt.get(coordinate) ?? [];
          list.push(compiled);
          this.rulesAt.set(coordinate, list);
          if (rule.when?.length) this.conditionalCoordinates.add(coordinate);
        }
      }
    }
  }

  isStructural(coordinate: string): boolean {
    return STRUCTURAL.has(coordinate) || this.gatewayCoordinates.has(coordinate);
  }

  isPublic(coordinate: string): boolean {
    return this.publicCoordinates.has(coordinate);
  }
}

/** `Type.*` → every field of the type; `Type.field` as it is. */
function expand(coordinates: readonly string[], schema: GraphQLSchema): string[] {
  return coordinates.flatMap((coordinate) => {
    const [typeName, field] = coordinate.split('.') as [string, string];
    if (field !== '*') return [coordinate];
    const type = schema.getType(typeName);
    return isObjectType(type) ? Object.keys(type.getFields()).map((f) => `${typeName}.${f}`) : [];
  });
}
