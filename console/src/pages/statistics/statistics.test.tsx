import { renderToStaticMarkup } from 'react-dom/server';
import { StatTable } from './stat-table';
import { countText, groupLabel, periodOptions, statisticsVariables } from './stats-query';

describe('statistics', () => {
  it('shows a suppressed count as suppressed, never as zero, and marks a rounded one', () => {
    const html = renderToStaticMarkup(
      <StatTable
        caption="NRM referrals by nationality"
        counts={[
          { label: 'Polish', count: null, suppressed: true, rounded: false },
          { label: 'Romanian', count: 20, suppressed: false, rounded: true },
          { label: 'Vietnamese', count: 3, suppressed: false, rounded: false },
          { label: 'Slovak', count: 0, suppressed: false, rounded: false },
        ]}
      />,
    );
    const cell = (label: string) => new RegExp(`<th scope="row">${label}</th><td[^>]*>(.*?)</td>`).exec(html)?.[1] ?? '';
    expect(cell('Polish')).toContain('Suppressed');
    expect(cell('Polish')).not.toMatch(/>0</);
    expect(cell('Romanian')).toMatch(/≈<\/abbr> 20/);
    expect(cell('Vietnamese')).toBe('3');
    expect(cell('Slovak')).toBe('0');
    expect(countText({ count: null, suppressed: true, rounded: false })).toBe('Suppressed (1 to 7)');
    expect(countText({ count: 20, suppressed: false, rounded: true })).toBe('20 (rounded)');
  });

  it('asks for whole periods: a year or a quarter', () => {
    expect(statisticsVariables('2026')).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(statisticsVariables('2026-Q2')).toEqual({ from: '2026-04-01', to: '2026-07-01' });
    expect(statisticsVariables('2026-Q4')).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(() => statisticsVariables('last week')).toThrow(/not a period/);
    expect(periodOptions(new Date('2026-05-10T00:00:00Z'), 1).map((o) => o.value)).toEqual(['2026', '2026-Q2', '2026-Q1']);
    expect(groupLabel('LEARNING_DISABILITY')).toBe('Learning disability');
    expect(groupLabel('The Adavu Project')).toBe('The Adavu Project');
  });
});
