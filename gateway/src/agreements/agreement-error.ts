/**
 * An agreement file is invalid, so the gateway must not start (fail closed). Lists every
 * problem, each as `<file>:<line>: <what is wrong>`, so one run shows all there is to fix.
 */
export class AgreementError extends Error {
  override readonly name = 'AgreementError';

  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid sharing agreements in ${source}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}
