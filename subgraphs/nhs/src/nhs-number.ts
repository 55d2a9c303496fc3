/**
 * NHS numbers: nine digits and a modulus-11 check digit. The demo issues only numbers in the
 * 999 range, which the NHS reserves for test data, so no demo record can match a real patient.
 */

/** The check digit for nine digits, or null when no valid NHS number starts with them. */
export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) throw new Error(`expected nine digits, got "${firstNine}"`);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

export function isValidNhsNumber(value: string): boolean {
  return /^\d{10}$/.test(value) && nhsCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

/**
 * Distinct valid numbers in the 999 test range, in a scattered order (7919 is coprime with 10^6,
 * so every six-digit serial comes up exactly once) — about 900,000 before it runs out.
 */
export function* syntheticNhsNumbers(): Generator<string> {
  for (let k = 0; k < 1_000_000; k++) {
    const firstNine = `999${String((k * 7919 + 104_729) % 1_000_000).padStart(6, '0')}`;
    const check = nhsCheckDigit(firstNine);
    if (check !== null) yield `${firstNine}${check}`;
  }
}
