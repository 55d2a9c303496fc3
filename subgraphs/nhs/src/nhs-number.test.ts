import { isValidNhsNumber, nhsCheckDigit, syntheticNhsNumbers } from './nhs-number';

describe('NHS numbers', () => {
  it('computes the modulus-11 check digit of the NHS published example', () => {
    expect(nhsCheckDigit('943476591')).toBe(9);
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
  });

  it('has no valid number when the check would be 10, and uses 0 for 11', () => {
    expect(nhsCheckDigit('000000006')).toBeNull(); // 6*2 = 12, 12 mod 11 = 1, 11 - 1 = 10
    expect(nhsCheckDigit('000000000')).toBe(0); // 11 - 0 = 11, written as 0
    expect(isValidNhsNumber('0000000060')).toBe(false);
  });

  it('rejects anything that is not ten digits', () => {
    expect(isValidNhsNumber('943 476 5919')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
  });

  it('issues distinct valid numbers in the 999 test range', () => {
    const numbers: string[] = [];
    for (const n of syntheticNhsNumbers()) {
      numbers.push(n);
      if (numbers.length === 5000) break;
    }
    expect(new Set(numbers).size).toBe(5000);
    expect(numbers.every((n) => n.startsWith('999') && isValidNhsNumber(n))).toBe(true);
  });
});
