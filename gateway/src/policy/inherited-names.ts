/**
 * Names every JavaScript object inherits a property under (`__proto__`, `constructor`,
 * `toString`, …). Response keys and variable names become property names of plain objects all
 * the way through (the partners' parsed answers, their merge, the response, the variables): one
 * of these would read the inherited property where the key is absent, and `__proto__` would write
 * an object's prototype. Phase 1 refuses them in every operation, on every core, before anything runs.
 */
const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

export function isInheritedName(name: string): boolean {
  return INHERITED_NAMES.has(name);
}
