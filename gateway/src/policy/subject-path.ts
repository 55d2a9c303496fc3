import type { GraphQLResolveInfo } from 'graphql';

type Path = GraphQLResolveInfo['path'];

/** `people.3` for the path of a Person object. */
export function pathKey(path: Path | undefined): string {
  const keys: (string | number)[] = [];
  for (let p = path; p; p = p.prev) keys.push(p.key);
  return keys.reverse().join('.');
}

/**
 * The path of the nearest enclosing Person object: walking up, the first field whose parent
 * type is Person; its own parent path is the Person's. Undefined outside any subject.
 */
export function enclosingSubjectKey(path: Path): string | undefined {
  for (let p: Path | undefined = path; p; p = p.prev) {
    if (p.typename === 'Person') return pathKey(p.prev);
  }
  return undefined;
}
