import type { GraphQLResolveInfo } from 'graphql';
import { isSubjectType } from './subjects';

type Path = GraphQLResolveInfo['path'];

/** `people.3` for the path of a Person object. */
export function pathKey(path: Path | undefined): string {
  const keys: (string | number)[] = [];
  for (let p = path; p; p = p.prev) keys.push(p.key);
  return keys.reverse().join('.');
}

/**
 * The path of the nearest enclosing subject (a Person or a Location): walking up, the first field
 * whose parent type is a subject type; its own parent path is the subject's. Undefined outside
 * any subject.
 */
export function enclosingSubjectKey(path: Path): string | undefined {
  for (let p: Path | undefined = path; p; p = p.prev) {
    if (p.typename && isSubjectType(p.typename)) return pathKey(p.prev);
  }
  return undefined;
}
