import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { countText, groupLabel, type StatCount } from './stats-query';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/**
 * A bar chart (Chart.js) of controlled counts. A suppressed group has no bar and its label says
 * "suppressed": a missing bar must never read as zero. The table beside it carries the same
 * figures for anyone who cannot see the chart.
 */
export function StatChart({ title, counts }: { title: string; counts: readonly StatCount[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: counts.map((c) =>
          c.suppressed ? `${groupLabel(c.label)} (suppressed)` : c.rounded ? `${groupLabel(c.label)} (≈)` : groupLabel(c.label),
        ),
        datasets: [
          {
            label: title,
            data: counts.map((c) => (c.suppressed ? null : (c.count ?? null))),
            backgroundColor: counts.map((c) => (c.rounded ? '#4c6e9b' : '#1d3f6e')),
          },
        ],
      },
      options: {
        indexAxis: 'y',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          tooltip: { callbacks: { label: (item) => countText(counts[item.dataIndex]!) } },
        },
        scales: { x: { beginAtZero: true, ticks: { precision: 0, color: '#1b1b1b' } }, y: { ticks: { color: '#1b1b1b' } } },
      },
    });
    return () => chart.destroy();
  }, [counts, title]);
  const summary = counts.map((c) => `${groupLabel(c.label)}: ${countText(c)}`).join('; ');
  return (
    <div className="chart" style={{ height: `${Math.max(120, counts.length * 28 + 40)}px` }}>
      <canvas ref={canvas} role="img" aria-label={`${title}. ${summary}`} />
    </div>
  );
}
