import { renderToStaticMarkup } from 'react-dom/server';
import { StatTable } from './stat-table';
import {
  countText,
  defaultPeriod,
  groupLabel,
  hasEnded,
  parsePeriod,
  periodLabel,
  periodOptions,
  statisticsVariables,
} from './stats-query';

describe('statistics', () => {
  it('shows a suppressed count as suppressed, never as zero, marks a perturbed one and leaves an exact one plain', () => {
    const html = renderToStaticMarkup(
      <StatTable
        caption="NRM referrals by nationality"
        counts={[
          { label: 'Polish', count: null, suppressed: true, rounded: false },
          { label: 'Romanian', count: 20, suppressed: false, rounded: true },
          { label: 'Vietnamese', count: 3, suppressed: false, rounded: false },
          { label: 'Slovak', count: 0, suppressed: false, rounded: false },
          // Whatever a suppressed cell carries, it reads "Suppressed".
          { label: 'Sudanese', count: 0, suppressed: true, rounded: true },
        ]}
      />,
    );
    const cell = (label: string) => new RegExp(`<th scope="row">${label}</th><td[^>]*>(.*?)</td>`).exec(html)?.[1] ?? '';
    expect(cell('Polish')).toContain('Suppressed');
    expect(cell('Polish')).not.toMatch(/>0</);
    expect(cell('Sudanese')).toContain('Suppressed');
    expect(cell('Sudanese').replace(/<[^>]*>/g, '')).toBe('Suppressed');
    expect(html).toContain('<th scope="row">Sudanese</th><td class="num" data-suppressed="true">');
    expect(cell('Romanian')).toMatch(/≈<\/abbr> 20/);
    expect(cell('Vietnamese')).toBe('3');
    // An exact 0 is the owner's own figure; a suppressed one never reads 0.
    expect(cell('Slovak')).toBe('0');
    expect(countText({ count: null, suppressed: true, rounded: false })).toBe('Suppressed (somewhere from 0 to 10)');
    expect(countText({ count: 20, suppressed: false, rounded: true })).toBe('about 20 (perturbed and rounded)');
    expect(countText({ count: 3, suppressed: false, rounded: false })).toBe('3 (exact)');
  });

  it('asks for whole periods: a year, a quarter or a month, by name', () => {
    expect(statisticsVariables('2026')).toEqual({ period: '2026' });
    expect(statisticsVariables('2026-Q2')).toEqual({ period: '2026-Q2' });
    expect(statisticsVariables('2026-05')).toEqual({ period: '2026-05' });
    expect(() => statisticsVariables('last week')).toThrow(/not a period/);
    expect(() => statisticsVariables('2026-13')).toThrow(/not a period/);
    expect(parsePeriod('2026-Q4')).toEqual({ kind: 'quarter', from: '2026-10-01', to: '2027-01-01' });
    expect(parsePeriod('2026-12')).toEqual({ kind: 'month', from: '2026-12-01', to: '2027-01-01' });
    expect(periodLabel('2026')).toBe('2026 (whole year)');
    expect(periodLabel('2026-Q2')).toBe('2026 quarter 2 (Apr–Jun)');
    expect(periodLabel('2026-05')).toBe('May 2026');
    expect(groupLabel('LEARNING_DISABILITY')).toBe('Learning disability');
    expect(groupLabel('The Adavu Project')).toBe('The Adavu Project');
    expect(groupLabel('STPO')).toBe('Slavery and trafficking prevention order (STPO)');
  });

  it('offers only periods that have ended, on the hub’s UTC date', () => {
    const may10 = new Date('2026-05-10T00:00:00Z');
    expect(periodOptions('year', may10, 2).map((o) => o.value)).toEqual(['2025']);
    expect(periodOptions('quarter', may10, 1).map((o) => o.value)).toEqual(['2026-Q1']);
    expect(periodOptions('month', may10, 1).map((o) => o.value)).toEqual(['2026-04', '2026-03', '2026-02', '2026-01']);
    // A period ends at the start of the day after its last: 1 April counts Q1, 31 March does not.
    expect(hasEnded('2026-Q1', new Date('2026-03-31T23:59:59Z'))).toBe(false);
    expect(hasEnded('2026-Q1', new Date('2026-04-01T00:00:00Z'))).toBe(true);
    expect(hasEnded('2026-13', new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('opens on the last complete quarter, or the year when it has just ended', () => {
    expect(defaultPeriod(new Date('2026-11-30T12:00:00Z'))).toBe('2026-Q3');
    expect(defaultPeriod(new Date('2026-10-01T00:00:00Z'))).toBe('2026-Q3');
    expect(defaultPeriod(new Date('2026-09-30T23:00:00Z'))).toBe('2026-Q2');
    expect(defaultPeriod(new Date('2027-02-14T12:00:00Z'))).toBe('2026');
  });
});
