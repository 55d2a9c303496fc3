import { Kind, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql';

/**
 * Where each field of the supergraph is resolved, read once from its join directives: whose data a
 * field is (ownership.ts) and where the query planner asks for it (execution/fetch-plan.ts).
 * Subgraphs are named as the services are (`local-authority`), not as the supergraph's enum
 * (`LOCAL_AUTHORITY`).
 */
export interface SubgraphMap {
  /** The subgraphs that resolve `Type.field`, in the supergraph's order; empty when none does (a gateway field). */
  servingGraphs(typeName: string, fieldName: string): readonly string[];
  /** As servingGraphs, but empty for a field the planner does not model (`@requires`, `@provides`, `@override`). */
  graphsOf(typeName: string, fieldName: string): readonly string[];
  /** The key field an entity is fetched by in a subgraph (`id`, `uprn`), or undefined when it cannot be. */
  keyOf(typeName: string, subgraph: string): string | undefined;
}

export function subgraphMapFromSupergraph(supergraphSdl: string | DocumentNode): SubgraphMap {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const graphNames = new Map<string, string>();
  const typeGraphs = new Map<string, string[]>();
  const fieldGraphs = new Map<string, string[]>();
  const unmodelled = new Set<string>();
  const keys = new Map<string, string>();

  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const name = argument(
          value.directives?.find((d) => d.name.value === 'join__graph'),
          'name',
        );
        if (name) graphNames.set(value.name.value, name);
      }
    }
  }
  const service = (graph: string) => graphNames.get(graph) ?? graph;

  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const type = definition.name.value;
    const graphs: string[] = [];
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') continue;
      const graph = enumArgument(directive, 'graph');
      if (!graph) continue;
      graphs.push(service(graph));
      const key = argument(directive, 'key');
      // A compound or nested key would need more than one field in a representation: not planned.
      if (key && /^\w+$/.test(key.trim()) && argument(directive, 'resolvable') !== 'false')
        keys.set(`${type}@${service(graph)}`, key.trim());
    }
    typeGraphs.set(type, graphs);
    for (const field of definition.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      // @requires, @provides and @override change what a subgraph may be asked: the planner does not
      // model them, so such a field has no subgraph here and its operations take the stitched path.
      const coordinate = `${type}.${field.name.value}`;
      if (joins.some((d) => ['requires', 'provides', 'override', 'usedOverridden'].some((name) => argument(d, name) !== undefined)))
        unmodelled.add(coordinate);
      const resolving = joins
        .filter((d) => enumArgument(d, 'graph') && argument(d, 'external') !== 'true')
        .map((d) => service(enumArgument(d, 'graph')!));
      fieldGraphs.set(coordinate, joins.length > 0 ? resolving : graphs);
    }
  }

  return {
    servingGraphs: (typeName, fieldName) => fieldGraphs.get(`${typeName}.${fieldName}`) ?? [],
    graphsOf: (typeName, fieldName) =>
      unmodelled.has(`${typeName}.${fieldName}`) ? [] : (fieldGraphs.get(`${typeName}.${fieldName}`) ?? []),
    keyOf: (typeName, subgraph) => keys.get(`${typeName}@${subgraph}`),
  };
}

function enumArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.ENUM ? value.value : undefined;
}

function argument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = directive?.arguments?.find((a) => a.name.value === name)?.value;
  if (value?.kind === Kind.STRING) return value.value;
  if (value?.kind === Kind.BOOLEAN) return String(value.value);
  return undefined;
}
