import { Prng } from './prng';

describe('Prng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new Prng('seed');
    const b = new Prng('seed');
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(new Set(seqA).size).toBe(5);
  });

  it('keeps values in range', () => {
    const prng = new Prng(7);
    for (let i = 0; i < 1000; i++) {
      const v = prng.int(3, 5);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(5);
    }
  });

  it('follows the weights', () => {
    const prng = new Prng(1);
    let a = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        prng.weighted([
          ['a', 3],
          ['b', 1],
        ] as const) === 'a'
      )
        a++;
    expect(a / 10_000).toBeGreaterThan(0.72);
    expect(a / 10_000).toBeLessThan(0.78);
  });
});
