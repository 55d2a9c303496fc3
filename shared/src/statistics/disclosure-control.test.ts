import { randomBytes } from 'node:crypto';
import { CELL_KEY_MODULUS, cellKey, hmacPads, recordKey } from './cell-key';
import { controlCount, MAX_PERTURBATION, perturbation, PERTURBATION_TABLE, type ControlledCount } from './disclosure-control';

const POLICE = 'west-midlands-police';
const COUNCIL = 'birmingham-city-council';
const KEYS = Array.from({ length: CELL_KEY_MODULUS }, (_, key) => key);
const SUPPRESSED = (label: string): ControlledCount => ({ label, count: null, suppressed: true, rounded: false });

describe('controlCount (rule 9: cell-key perturbation, 0–7 suppressed, others rounded to 5, exact for the owner)', () => {
  it.each([
    // raw, cell key, owners, requester, count, suppressed, rounded
    [0, 0, [POLICE], COUNCIL, null, true, false],
    [0, 255, [POLICE], COUNCIL, null, true, false],
    [1, 128, [POLICE], COUNCIL, null, true, false],
    [7, 255, [POLICE], COUNCIL, null, true, false], // +3 would make 10: a 7 is suppressed whatever its noise
    [8, 0, [POLICE], COUNCIL, null, true, false], // 8 − 3 = 5: pushed below 8, suppressed
    [8, 87, [POLICE], COUNCIL, null, true, false], // 8 − 1 = 7
    [8, 88, [POLICE], COUNCIL, 10, false, true], // 8 + 0
    [10, 0, [POLICE], COUNCIL, null, true, false], // 10 − 3 = 7
    [10, 16, [POLICE], COUNCIL, 10, false, true], // 10 − 2 = 8
    [12, 100, [POLICE], COUNCIL, 10, false, true], // 12 + 0
    [12, 200, [POLICE], COUNCIL, 15, false, true], // 12 + 1 = 13
    [13, 20, [POLICE], COUNCIL, 10, false, true], // 13 − 2 = 11
    [35, 0, [POLICE], COUNCIL, 30, false, true], // 35 − 3 = 32
    [35, 255, [POLICE], COUNCIL, 40, false, true], // 35 + 3 = 38
    [0, 0, [POLICE], POLICE, 0, false, false],
    [3, 17, [POLICE], POLICE, 3, false, false],
    [13, 255, [POLICE], POLICE, 13, false, false],
    // A count over two charities is exact for neither of them alone.
    [3, 9, ['adavu', 'refuge'], 'adavu', null, true, false],
    [13, 100, ['adavu', 'refuge'], 'refuge', 15, false, true],
    // A count with no known owner is never treated as the requester's own.
    [3, 9, [], POLICE, null, true, false],
  ] as const)('%i with cell key %i, counted from %j, asked by %s → %p', (raw, key, owners, requester, count, suppressed, rounded) => {
    expect(controlCount('x', raw, key, owners, requester)).toEqual({ label: 'x', count, suppressed, rounded });
  });

  it('never reveals 0–7 to a non-owner: every cell key gives the same suppressed answer, so 0 and 1–7 look alike', () => {
    const answers = new Set<string>();
    for (let raw = 0; raw <= 7; raw++) for (const key of KEYS) answers.add(JSON.stringify(controlCount('x', raw, key, [POLICE], COUNCIL)));
    expect([...answers].map((a) => JSON.parse(a))).toEqual([SUPPRESSED('x')]);
  });

  it('adds noise of at most ±3 and then rounds to 5: a shown count is a multiple of 5 within 5 of the true one, and at least 10', () => {
    const wrong: string[] = [];
    for (let raw = 8; raw <= 400; raw++) {
      for (const key of KEYS) {
        const { count, suppressed } = controlCount('x', raw, key, [POLICE], COUNCIL);
        const fine = suppressed
          ? raw <= 7 + MAX_PERTURBATION
          : count! % 5 === 0 && count! >= 10 && Math.abs(count! - raw) <= MAX_PERTURBATION + 2;
        if (!fine) wrong.push(`${raw} with key ${key} → ${suppressed ? 'suppressed' : count}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives the same answer for the same count and cell key, however often asked', () => {
    for (const [raw, key] of [
      [23, 41],
      [8, 200],
      [140, 3],
    ] as const) {
      const answers = Array.from({ length: 20 }, () => controlCount('x', raw, key, [POLICE], COUNCIL));
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    }
  });

  it('varies the answer with the cell key, so that a count is not a function of its published value', () => {
    const shown = new Set(KEYS.map((key) => controlCount('x', 22, key, [POLICE], COUNCIL).count));
    expect([...shown].sort()).toEqual([20, 25]); // 22 − 3 … 22 + 3 is 19 … 25
    const hidden = new Set(KEYS.map((key) => controlCount('x', 9, key, [POLICE], COUNCIL).suppressed));
    expect(hidden).toEqual(new Set([true, false])); // 9 is suppressed when the noise is −2 or −3
  });
});

describe('the perturbation table', () => {
  it('covers the 256 cell keys with noise of mean 0 and at most ±3', () => {
    expect(PERTURBATION_TABLE.reduce((sum, row) => sum + row.keys, 0)).toBe(256);
    const noises = KEYS.map((key) => perturbation(8, key)!);
    expect(noises.reduce((a, b) => a + b, 0)).toBe(0);
    expect(Math.max(...noises.map(Math.abs))).toBe(3);
    expect(MAX_PERTURBATION).toBe(3);
    // Variance 2.25: 576 / 256.
    expect(noises.reduce((a, b) => a + b * b, 0) / 256).toBe(2.25);
  });

  it('has no row for counts 0–7 (suppressed) and one row for every count from 8', () => {
    for (let raw = 0; raw <= 7; raw++) expect(perturbation(raw, 100)).toBeNull();
    for (const key of KEYS) expect(perturbation(8, key)).toBe(perturbation(5000, key));
  });

  it('refuses a cell key outside 0–255', () => {
    expect(() => perturbation(10, 256)).toThrow(/not a cell key/);
    expect(() => perturbation(10, -1)).toThrow(/not a cell key/);
    expect(() => perturbation(10, 1.5)).toThrow(/not a cell key/);
  });
});

describe('record and cell keys', () => {
  const secret = randomBytes(32);
  const records = Array.from({ length: 4000 }, (_, i) => `nrm_referrals:${i + 1}`);

  it('keys a record by HMAC-SHA256 of the partner secret: the same record the same key, another secret another key', () => {
    expect(recordKey(secret, 'nrm_referrals:7')).toBe(recordKey(Buffer.from(secret), 'nrm_referrals:7'));
    const other = randomBytes(32);
    const differing = records.filter((r) => recordKey(secret, r) !== recordKey(other, r)).length;
    expect(differing / records.length).toBeGreaterThan(0.95); // 255/256 expected
  });

  it('spreads record keys evenly over 0–255', () => {
    const histogram = new Array<number>(256).fill(0);
    for (const record of records) histogram[recordKey(secret, record)]! += 1;
    // 4000 keys over 256 values: about 15.6 each; none empty, none near a quarter of the records.
    expect(Math.min(...histogram)).toBeGreaterThan(0);
    expect(Math.max(...histogram)).toBeLessThan(60);
  });

  it('keys a cell by the sum of its record keys mod 256, whatever the order the records come in', () => {
    const keys = records.slice(0, 50).map((r) => recordKey(secret, r));
    const expected = keys.reduce((a, b) => a + b, 0) % 256;
    expect(cellKey(keys)).toBe(expected);
    expect(cellKey([...keys].reverse())).toBe(expected);
    expect(cellKey([])).toBe(0);
    // One more record moves the cell key by that record's key.
    expect(cellKey([...keys, 200])).toBe((expected + 200) % 256);
  });

  it('makes HMAC pads of a 16- to 64-byte secret, as RFC 2104 does', () => {
    const { inner, outer } = hmacPads(Buffer.from('0123456789abcdef'));
    expect(inner).toHaveLength(64);
    expect(inner[0]).toBe('0'.charCodeAt(0) ^ 0x36);
    expect(outer[63]).toBe(0x5c);
    expect(() => hmacPads(Buffer.alloc(8))).toThrow(/16 to 64 bytes/);
  });
});
