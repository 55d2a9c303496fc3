import { createHash } from 'node:crypto';
import { FIXED_SUBJECTS } from './fixed-subjects';
import { ageOn, generatePopulation } from './population';

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('generatePopulation', () => {
  it('is deterministic: the same seed gives the same population, another seed another', () => {
    expect(digest(generatePopulation({ scale: 2000 }))).toBe(digest(generatePopulation({ scale: 2000 })));
    expect(digest(generatePopulation({ scale: 2000, seed: 'other' }))).not.toBe(digest(generatePopulation({ scale: 2000 })));
  });

  it('always starts with the four fixed subjects of the spec', () => {
    const { subjects } = generatePopulation({ scale: 10 });
    expect(subjects.slice(0, 4)).toEqual(FIXED_SUBJECTS);
    expect(ageOn(subjects[0]!.dateOfBirth)).toBe(34);
    expect(ageOn(subjects[1]!.dateOfBirth)).toBe(15);
    expect(ageOn(subjects[2]!.dateOfBirth)).toBe(27);
    expect(ageOn(subjects[3]!.dateOfBirth)).toBe(45);
  });

  it('has the shape of the West Midlands referrals (docs/sources.md#the-intelligence-profile)', () => {
    const victims = generatePopulation({ scale: 20_000 }).subjects.filter((s) => s.kind === 'VICTIM');
    const share = (predicate: (s: (typeof victims)[number]) => boolean) => victims.filter(predicate).length / victims.length;
    // The intelligence profile (docs/sources.md): of 79 referrals 35 Polish (44%), 11 Romanian (14%), 45 labour (57%), 21 sexual (27%), 48 male (61%), 67 adults (85%).
    expect(share((s) => s.nationality === 'Polish')).toBeCloseTo(35 / 79, 1);
    expect(share((s) => s.nationality === 'Romanian')).toBeCloseTo(11 / 79, 1);
    expect(share((s) => s.exploitation === 'LABOUR')).toBeCloseTo(45 / 79, 1);
    expect(share((s) => s.exploitation === 'SEXUAL')).toBeCloseTo(21 / 79, 1);
    expect(share((s) => s.gender === 'MALE')).toBeCloseTo(48 / 79, 1);
    expect(share((s) => ageOn(s.dateOfBirth) >= 18)).toBeCloseTo(67 / 79, 1);
  });

  it('generates 100,000 subjects in well under a second or two', () => {
    const started = Date.now();
    expect(generatePopulation({ scale: 100_000 }).subjects).toHaveLength(100_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
