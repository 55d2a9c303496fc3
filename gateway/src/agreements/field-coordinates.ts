import { isObjectType, type GraphQLSchema } from 'graphql';

/**
 * What is wrong with a field coordinate, or undefined when the schema has it. A coordinate is
 * `Type.field` or `Type.*` (every field of the type); a rule naming a field that does not exist
 * would protect nothing, so it is an error rather than a no-op.
 */
export function coordinateProblem(schema: GraphQLSchema, coordinate: string): string | undefined {
  const [typeName, fieldName, ...rest] = coordinate.split('.');
  if (!typeName || !fieldName || rest.length > 0) return `'${coordinate}' is not a field coordinate (Type.field or Type.*)`;
  const type = schema.getType(typeName);
  if (!type) return `unknown type '${typeName}' in '${coordinate}'`;
  if (!isObjectType(type)) return `'${typeName}' in '${coordinate}' is not an object type`;
  if (fieldName !== '*' && !type.getFields()[fieldName]) return `unknown field '${coordinate}': ${typeName} has no field '${fieldName}'`;
  return undefined;
}

/** Whether two coordinates name a field in common (`T.*` covers every `T.field`). */
export function coordinatesOverlap(a: string, b: string): boolean {
  const [typeA, fieldA] = a.split('.');
  const [typeB, fieldB] = b.split('.');
  return typeA === typeB && (fieldA === fieldB || fieldA === '*' || fieldB === '*');
}

/** `Type.*` → every field of the type; `Type.field` as it is. */
export function expand(coordinates: readonly string[], schema: GraphQLSchema): string[] {
  return coordinates.flatMap((coordinate) => {
    const [typeName, field] = coordinate.split('.') as [string, string];
    if (field !== '*') return [coordinate];
    const type = schema.getType(typeName);
    return isObjectType(type) ? Object.keys(type.getFields()).map((f) => `${typeName}.${f}`) : [];
  });
}
