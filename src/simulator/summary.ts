/**
 * Words and numbers for a run: the rows the CLI prints and the panel shows, and the A/B
 * differences called out in numbers.
 */
import type { SimulationResult } from './result';

export interface SummaryRow {
  key: string;
  label: string;
  /** The raw number, for comparisons; null when it does not apply (no breaker, no phases). */
  value: number | null;
  text: string;
  /** Which direction is better, for A/B call-outs; neutral rows are reported without a verdict. */
  better: 'higher' | 'lower' | 'neutral';
}

const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;
const ms = (x: number | undefined | null): string => (x === undefined || x === null ? '–' : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);

export function summaryRows(result: SimulationResult): SummaryRow[] {
  const t = result.totals;
  const n = Math.max(1, t.requests);
  const latency = result.latency.all;
  const recoveries = result.recovery.map((r) => r.recoveredAfterMs);
  const neverRecovered = recoveries.some((r) => r === null);
  const slowestRecovery = recoveries.length === 0 || neverRecovered ? null : Math.max(...(recoveries as number[]));
  return [
    { key: 'requests', label: 'Requests', value: t.requests, text: t.requests.toLocaleString('en-US'), better: 'higher' },
    { key: 'success', label: 'Succeeded (incl. fallback)', value: result.successRate, text: percent(result.successRate), better: 'higher' },
    { key: 'fallback', label: 'Served by fallback', value: t.fallback / n, text: percent(t.fallback / n), better: 'lower' },
    { key: 'failed', label: 'Failed', value: t.failed / n, text: percent(t.failed / n), better: 'lower' },
    { key: 'shortCircuited', label: 'Short-circuited calls', value: t.shortCircuited, text: t.shortCircuited.toLocaleString('en-US'), better: 'neutral' },
    { key: 'bulkheadRejected', label: 'Bulkhead rejections', value: t.bulkheadRejected, text: t.bulkheadRejected.toLocaleString('en-US'), better: 'lower' },
    { key: 'amplification', label: 'Downstream attempts per request', value: result.amplification, text: `${result.amplification.toFixed(2)}×`, better: 'lower' },
    { key: 'p50', label: 'Latency p50', value: latency?.p50 ?? null, text: ms(latency?.p50), better: 'lower' },
    { key: 'p95', label: 'Latency p95', value: latency?.p95 ?? null, text: ms(latency?.p95), better: 'lower' },
    { key: 'p99', label: 'Latency p99', value: latency?.p99 ?? null, text: ms(latency?.p99), better: 'lower' },
    { key: 'breakerOpens', label: 'Breaker opened', value: t.breakerOpens, text: `${t.breakerOpens} times`, better: 'neutral' },
    { key: 'orphanedWork', label: 'Orphaned dependency work', value: t.orphanedWork, text: t.orphanedWork.toLocaleString('en-US'), better: 'lower' },
    {
      key: 'recovery',
      label: 'Recovered after the last phase',
      value: neverRecovered ? Infinity : slowestRecovery,
      text: recoveries.length === 0 ? '–' : neverRecovered ? 'not within the run' : ms(slowestRecovery),
      better: 'lower',
    },
  ];
}

/** Failure kinds that happened, most common first: "timeout 1,204 · http5xx 311". */
export function failureBreakdown(result: SimulationResult): string {
  const entries = Object.entries(result.totals.byOutcome).filter(([name, count]) => count > 0 && name !== 'success' && name !== 'fallback');
  entries.sort((a, b) => b[1] - a[1]);
  return entries.map(([name, count]) => `${name} ${count.toLocaleString('en-US')}`).join(' · ') || 'none';
}

/** The differences between A and B that matter, in numbers, biggest first. */
export function describeDifferences(a: SimulationResult, b: SimulationResult, labels: [string, string] = ['A', 'B']): string[] {
  const rowsA = summaryRows(a);
  const rowsB = summaryRows(b);
  const out: { weight: number; text: string }[] = [];
  for (let i = 0; i < rowsA.length; i++) {
    const ra = rowsA[i];
    const rb = rowsB[i];
    if (ra.key === 'requests' || ra.value === null || rb.value === null || ra.value === rb.value) continue;
    const better = ra.better === 'higher' ? rb.value > ra.value : rb.value < ra.value;
    const verdict = ra.better === 'neutral' ? '' : `; better: ${better ? labels[1] : labels[0]}`;
    let change: string;
    let weight: number;
    if (ra.key === 'success' || ra.key === 'fallback' || ra.key === 'failed') {
      const pp = (rb.value - ra.value) * 100;
      if (Math.abs(pp) < 0.05) continue;
      change = `${pp > 0 ? '+' : '−'}${Math.abs(pp).toFixed(1)} pp`;
      weight = Math.abs(pp) * 10;
    } else if (!Number.isFinite(ra.value) || !Number.isFinite(rb.value)) {
      change = Number.isFinite(rb.value) ? `${labels[1]} recovers, ${labels[0]} does not` : `${labels[0]} recovers, ${labels[1]} does not`;
      weight = 2000;
    } else {
      const base = Math.max(Math.abs(ra.value), 1e-9);
      const relative = ((rb.value - ra.value) / base) * 100;
      if (Math.abs(relative) < 1) continue;
      change = ra.value === 0 ? 'from 0' : `${relative > 0 ? '+' : '−'}${Math.abs(relative).toFixed(0)}%`;
      // Counts that only one side has (a breaker's short-circuits) matter less than rates both have.
      weight = ra.better === 'neutral' ? 1 : Math.min(Math.abs(relative), 300);
    }
    out.push({ weight, text: `${ra.label}: ${labels[0]} ${ra.text}, ${labels[1]} ${rb.text} (${change}${verdict})` });
  }
  return out.sort((x, y) => y.weight - x.weight).map((entry) => entry.text);
}

/** A plain-text table, one column per run. */
export function formatTable(results: { label: string; result: SimulationResult }[]): string {
  const rows = results.map(({ result }) => summaryRows(result));
  const header = ['', ...results.map((r) => r.label)];
  const body = rows[0].map((row, i) => [row.label, ...rows.map((r) => r[i].text)]);
  body.push(['Failures by kind', ...results.map(({ result }) => failureBreakdown(result))]);
  const table = [header, ...body];
  const widths = header.map((_, col) => Math.max(...table.map((line) => line[col].length)));
  return table
    .map((line, i) => {
      const text = line.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ');
      return i === 0 ? `${text}\n${widths.map((w) => '─'.repeat(w)).join('  ')}` : text;
    })
    .join('\n');
}
