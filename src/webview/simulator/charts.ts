/** The four charts of a run, drawn with uPlot in VS Code's theme colours. */
import uPlot from 'uplot';
import type { SimulationResult } from '../../simulator/result';

/** Reads a theme colour from VS Code's CSS variables, with a fallback for other hosts. */
function color(variable: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(variable).trim() || fallback;
}

interface ChartSpec {
  title: string;
  series: { label: string; color: string; dash?: number[]; fill?: boolean }[];
  data(result: SimulationResult): (number | null)[][];
  yRange?: [number, number];
}

function specs(): ChartSpec[] {
  const green = color('--vscode-charts-green', '#388a34');
  const red = color('--vscode-charts-red', '#e51400');
  const blue = color('--vscode-charts-blue', '#1a85ff');
  const yellow = color('--vscode-charts-yellow', '#bf8803');
  const orange = color('--vscode-charts-orange', '#d18616');
  const purple = color('--vscode-charts-purple', '#652d90');
  const dim = color('--vscode-descriptionForeground', '#888');
  return [
    {
      title: 'Outcomes per second',
      series: [
        { label: 'offered', color: dim, dash: [4, 4] },
        { label: 'succeeded', color: green },
        { label: 'fallback', color: blue },
        { label: 'failed', color: red },
        { label: 'short-circuited', color: orange },
        { label: 'bulkhead-rejected', color: purple },
      ],
      data: (r) => {
        const failed = r.series.offered.map((_, s) =>
          Object.entries(r.series.failed).reduce((sum, [kind, series]) => (kind === 'circuitOpen' || kind === 'bulkheadRejected' ? sum : sum + series[s]), 0),
        );
        return [r.series.offered, r.series.succeeded, r.series.fallback, failed, r.series.shortCircuited, r.series.bulkheadRejected];
      },
    },
    {
      title: 'Breaker state (share of each second)',
      series: [
        { label: 'open', color: red, fill: true },
        { label: 'half-open', color: yellow, fill: true },
      ],
      data: (r) => [r.series.breakerOpen, r.series.breakerHalfOpen],
      yRange: [0, 1],
    },
    {
      title: 'Downstream load per second',
      series: [
        { label: 'offered', color: dim, dash: [4, 4] },
        { label: 'attempts', color: blue },
        { label: 'retries', color: orange },
      ],
      data: (r) => [r.series.offered, r.series.downstream, r.series.retries],
    },
    {
      title: 'Latency (ms)',
      series: [
        { label: 'p50', color: green },
        { label: 'p95', color: yellow },
        { label: 'p99', color: red },
      ],
      data: (r) => [r.series.p50, r.series.p95, r.series.p99],
    },
  ];
}

/** One column of charts (A or B), updated in place as results arrive. */
export class ChartColumn {
  private charts: uPlot[] = [];
  private specs: ChartSpec[] = [];
  private ranges: [number, number][] = [];

  constructor(private readonly container: HTMLElement) {}

  /** Draws `result`; `all` are the runs shown side by side, which share each chart's y range so A and B read alike. */
  render(result: SimulationResult, all: readonly SimulationResult[]): void {
    const width = Math.max(240, this.container.clientWidth - 8);
    const seconds = result.series.offered.map((_, i) => i);
    if (this.charts.length === 0) this.specs = specs();
    const ranges = this.specs.map((spec): [number, number] => {
      if (spec.yRange) return spec.yRange;
      let max = 1;
      for (const run of all) for (const series of spec.data(run)) for (const value of series) if (value !== null && value > max) max = value;
      return [0, max * 1.05];
    });
    this.ranges = ranges;
    if (this.charts.length === 0) {
      const foreground = color('--vscode-foreground', '#ccc');
      const grid = color('--vscode-editorWidget-border', '#444');
      const axis = { stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
      for (const spec of this.specs) {
        const holder = document.createElement('div');
        holder.className = 'chart';
        holder.dataset.chart = spec.title;
        this.container.append(holder);
        const options: uPlot.Options = {
          title: spec.title,
          width,
          height: 150,
          scales: { x: { time: false }, y: { range: () => this.ranges[this.specs.indexOf(spec)] } },
          axes: [{ ...axis }, { ...axis, size: 56 }],
          series: [{ label: 'second' }, ...spec.series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, dash: s.dash, fill: s.fill ? `${s.color}55` : undefined, points: { show: false } }))],
          legend: { live: false },
          cursor: { drag: { x: false, y: false } },
        };
        this.charts.push(new uPlot(options, [seconds, ...spec.data(result)] as uPlot.AlignedData, holder));
      }
      return;
    }
    this.charts.forEach((chart, i) => {
      chart.setData([seconds, ...this.specs[i].data(result)] as uPlot.AlignedData);
      if (Math.abs(chart.width - width) > 2) chart.setSize({ width, height: 150 });
    });
  }

  clear(): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
    this.container.replaceChildren();
  }
}
