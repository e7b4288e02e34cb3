/**
 * The Policy Simulator panel (runs in the webview). Controls edit a plain state object that is
 * saved with `setState` on every change; every change is validated with the engine's own
 * parser (bad numbers become field errors) and, when valid, simulated in a worker.
 */
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { PRESETS, findPreset } from '../../simulator/presets';
import type { SimulationResult } from '../../simulator/result';
import { describeDifferences, failureBreakdown, summaryRows } from '../../simulator/summary';
import { InvalidScenarioError, parsePolicy, parseScenario } from '../../simulator/validate';
import { ChartColumn } from './charts';
import {
  backoffDefaults,
  breakerDefaults,
  fieldKeyOfIssue,
  LAYER_TYPES,
  layerDefaults,
  layerFields,
  phaseDefaults,
  phaseFields,
  scenarioFields,
  type Field,
  type Path,
} from './fields';
import { parseState, parseToPanel, type PanelPolicy, type PanelState } from './protocol';
import { LatestRun } from './latest-run';
import type { WorkerRequest, WorkerResponse } from './worker';

declare const __WORKER_SOURCE__: string;
declare function acquireVsCodeApi(): { getState(): unknown; setState(state: unknown): void; postMessage(message: unknown): void };

type Json = Record<string, unknown>;
const vscode = acquireVsCodeApi();
const NAMES = ['A', 'B'] as const;

function normalisedScenario(input: Json): Json {
  try {
    const scenario: Json = { ...parseScenario({ ...input, policy: [] }) };
    delete scenario.policy;
    return scenario;
  } catch {
    return input;
  }
}

function normalisedPolicy(input: unknown[]): unknown[] {
  try {
    return parsePolicy(input);
  } catch {
    return input;
  }
}

function presetState(presetId: string, keep?: PanelState): PanelState {
  const preset = findPreset(presetId) ?? PRESETS[0];
  const fromPreset = (i: number): PanelPolicy => ({ label: preset.policies[i].label, policy: normalisedPolicy(preset.policies[i].policy), unknowns: [], fromCode: false });
  const policies = [0, 1].map((i) => (keep?.policies[i].fromCode ? keep.policies[i] : fromPreset(i))) as [PanelPolicy, PanelPolicy];
  return { version: 1, presetId: preset.id, scenario: normalisedScenario(preset.scenario), policies };
}

let state: PanelState = parseState(vscode.getState()) ?? presetState('outage');

function save(): void {
  vscode.setState(state);
}

// ---------------------------------------------------------------- state paths

function rootOf(key: string): { target: Json | unknown[]; path: Path } {
  const [head, ...rest] = key.split('.');
  const path = rest.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  if (head === 'S') return { target: state.scenario, path };
  return { target: state.policies[head === 'A' ? 0 : 1].policy, path };
}

function read(key: string): unknown {
  const { target, path } = rootOf(key);
  let value: unknown = target;
  for (const part of path) value = (value as Record<string | number, unknown> | undefined)?.[part];
  return value;
}

function write(key: string, value: unknown): void {
  const { target, path } = rootOf(key);
  let holder = target as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) {
    if (typeof holder[part] !== 'object' || holder[part] === null) holder[part] = {};
    holder = holder[part] as Record<string | number, unknown>;
  }
  holder[path[path.length - 1]] = value;
}

// ---------------------------------------------------------------- DOM helpers

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {}, children: (Node | string)[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(node, rest);
  if (dataset) Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}

function button(text: string, onClick: () => void, className = 'secondary', title = ''): HTMLButtonElement {
  const node = el('button', { textContent: text, className, title, type: 'button' });
  node.addEventListener('click', onClick);
  return node;
}

/** Changing these reshapes the form (other fields appear), so the controls are rebuilt. */
const STRUCTURAL = /(\.|^)(type|jitter|capacity)$/;

function control(prefix: string, field: Field): HTMLElement {
  const key = [prefix, ...field.path].join('.');
  const value = read(key);
  let input: HTMLInputElement | HTMLSelectElement;
  if (field.kind === 'select') {
    input = el('select', {}, (field.options ?? []).map((option) => el('option', { value: option, textContent: option, selected: option === value })));
    input.addEventListener('change', () => changed(key, field, input.value));
  } else if (field.kind === 'checkbox') {
    input = el('input', { type: 'checkbox', checked: Boolean(value) });
    input.addEventListener('change', () => changed(key, field, (input as HTMLInputElement).checked));
  } else {
    input = el('input', { type: 'text', inputMode: 'decimal', value: value === null || value === undefined ? '' : String(value), placeholder: field.blank ?? '' });
    input.addEventListener('input', () => changed(key, field, input.value));
  }
  input.dataset.key = key;
  input.setAttribute('aria-label', field.label);
  const label = el('label', { className: field.kind === 'checkbox' ? 'field checkbox' : 'field', title: field.title ?? '' }, field.kind === 'checkbox' ? [input, el('span', { textContent: field.label })] : [el('span', { textContent: field.label }), input]);
  return el('div', {}, [label, el('div', { className: 'error', dataset: { errorFor: key } })]);
}

function changed(key: string, field: Field, raw: string | boolean): void {
  let value: unknown = raw;
  if (field.kind === 'number') {
    const text = String(raw).trim();
    value = text === '' ? (field.blank ? null : undefined) : Number.isFinite(Number(text)) ? Number(text) : text;
  }
  if (key.endsWith('.capacity')) value = raw ? { concurrency: 50, queue: 100 } : null;
  if (key === 'S.load.type') write('S.load', raw === 'closed' ? { type: 'closed', clients: 100, thinkTimeMs: 500 } : { type: 'open', arrivals: 'poisson', ratePerSecond: 200, rateChanges: [] });
  else if (/^[AB]\.\d+\.type$/.test(key)) write(key.slice(0, -'.type'.length), layerDefaults(String(raw)));
  else if (/^S\.dependency\.phases\.\d+\.type$/.test(key)) {
    const phaseKey = key.slice(0, -'.type'.length);
    const phase = read(phaseKey) as Json;
    write(phaseKey, phaseDefaults(String(raw), Number(phase.startMs) || 0, Number(phase.endMs) || 1000));
  } else if (/\.(backoff|halfOpenAfter|fallback)\.type$/.test(key)) write(key.slice(0, -'.type'.length), backoffDefaults(String(raw)));
  else if (/\.breaker\.type$/.test(key)) write(key.slice(0, -'.type'.length), breakerDefaults(String(raw)));
  else if (key === 'S.dependency.latency.type') write('S.dependency.latency', raw === 'fixed' ? { type: 'fixed', ms: 50 } : raw === 'uniform' ? { type: 'uniform', minMs: 20, maxMs: 100 } : { type: 'lognormal', medianMs: 50, p99Ms: 250 });
  else if (value === undefined) {
    // A required number left blank: keep the text so validation can point at it.
    write(key, '');
  } else write(key, value);
  save();
  if (STRUCTURAL.test(key) || field.kind === 'checkbox') renderControls();
  schedule();
}

// ---------------------------------------------------------------- controls

const app = document.getElementById('app')!;
const presetSelect = el('select', { id: 'preset' }, [
  el('option', { value: '', textContent: 'Custom' }),
  ...PRESETS.map((preset) => el('option', { value: preset.id, textContent: preset.title })),
]);
presetSelect.setAttribute('aria-label', 'Preset');
presetSelect.addEventListener('change', () => {
  if (!presetSelect.value) return;
  state = presetState(presetSelect.value, state);
  save();
  renderControls();
  schedule();
});
const story = el('p', { className: 'story' });
const scenarioBox = el('section', { id: 'scenario' });
const policyBoxes = NAMES.map((name) => el('div', { className: 'policy', dataset: { policy: name } }));
const errorsBox = el('div', { className: 'error errors', id: 'errors' });
const summaryBox = el('div', { id: 'summary' });
const differencesBox = el('ul', { className: 'differences', id: 'differences' });
const statusLine = el('div', { className: 'status', id: 'status', role: 'status' });
const chartBoxes = NAMES.map((name) => el('div', { className: 'charts', dataset: { charts: name } }));
const chartColumns = chartBoxes.map((box) => new ChartColumn(box));

app.append(
  el('h1', { textContent: 'Policy Simulator' }),
  el('div', { className: 'row' }, [el('label', { className: 'field' }, [el('span', { textContent: 'Preset' }), presetSelect])]),
  story,
  el('h2', { textContent: 'Scenario' }),
  scenarioBox,
  el('h2', { textContent: 'Policies (wrap order: first is outermost)' }),
  el('div', { className: 'columns' }, policyBoxes),
  errorsBox,
  el('h2', { textContent: 'Results' }),
  statusLine,
  summaryBox,
  differencesBox,
  el('div', { className: 'columns' }, chartBoxes),
);

function renderControls(): void {
  presetSelect.value = state.presetId ?? '';
  story.textContent = (state.presetId && findPreset(state.presetId)?.story) || '';
  const scenario = state.scenario;
  const phases = (((scenario.dependency as Json | undefined)?.phases as Json[] | undefined) ?? []);
  scenarioBox.replaceChildren(
    el('div', { className: 'row' }, scenarioFields(scenario).map((field) => control('S', field))),
    el('h3', { textContent: 'Dependency phases' }),
    ...phases.map((phase, index) =>
      el('div', { className: 'row phase' }, [
        ...phaseFields(phase).map((field) => control(`S.dependency.phases.${index}`, field)),
        button('✕', () => {
          phases.splice(index, 1);
          save();
          renderControls();
          schedule();
        }, 'secondary icon', 'Remove this phase'),
      ]),
    ),
    button('Add phase', () => {
      const duration = Number(scenario.durationMs) || 60_000;
      phases.push(phaseDefaults('outage', Math.round(duration * 0.4), Math.round(duration * 0.6)));
      write('S.dependency.phases', phases);
      save();
      renderControls();
      schedule();
    }),
  );
  NAMES.forEach((name, index) => renderPolicy(name, state.policies[index], policyBoxes[index]));
}

function renderPolicy(name: 'A' | 'B', panelPolicy: PanelPolicy, box: HTMLElement): void {
  const layers = panelPolicy.policy as Json[];
  const label = el('input', { type: 'text', className: 'label', value: panelPolicy.label });
  label.setAttribute('aria-label', `Policy ${name} name`);
  label.addEventListener('input', () => {
    panelPolicy.label = label.value;
    save();
    schedule();
  });
  const move = (from: number, to: number) => {
    if (to < 0 || to >= layers.length) return;
    const [layer] = layers.splice(from, 1);
    layers.splice(to, 0, layer);
    save();
    renderControls();
    schedule();
  };
  const adder = el('select', {}, LAYER_TYPES.map((type) => el('option', { value: type, textContent: type })));
  adder.setAttribute('aria-label', `Policy to add to ${name}`);
  box.replaceChildren(
    el('div', { className: 'row' }, [el('strong', { textContent: `${name}:` }), label, button('Copy as code', () => vscode.postMessage({ type: 'copyAsCode', label: panelPolicy.label, policy: panelPolicy.policy }))]),
    ...(panelPolicy.unknowns.length ? [el('div', { className: 'unknowns' }, [el('div', { textContent: 'Read from code; cockatiel defaults used where the file does not show a value:' }), el('ul', {}, panelPolicy.unknowns.map((u) => el('li', { textContent: u })))])] : []),
    ...layers.map((layer, index) =>
      el('fieldset', {}, [
        el('legend', { textContent: `${index + 1}. ${String(layer.type)}` }),
        el('div', { className: 'row' }, [
          control(`${name}.${index}`, { path: ['type'], label: 'Policy', kind: 'select', options: LAYER_TYPES }),
          ...layerFields(layer).map((field) => control(`${name}.${index}`, field)),
          button('↑', () => move(index, index - 1), 'secondary icon', 'Move outwards'),
          button('↓', () => move(index, index + 1), 'secondary icon', 'Move inwards'),
          button('✕', () => {
            layers.splice(index, 1);
            save();
            renderControls();
            schedule();
          }, 'secondary icon', 'Remove'),
        ]),
      ]),
    ),
    el('div', { className: 'row' }, [
      adder,
      button('Add', () => {
        layers.push(layerDefaults(adder.value));
        save();
        renderControls();
        schedule();
      }),
    ]),
  );
}

// ---------------------------------------------------------------- running

const worker = new Worker(URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: 'text/javascript' })));
const runs = new LatestRun();

function scenarios(): Json[] {
  return state.policies.map((p) => ({ ...state.scenario, policy: p.policy }));
}

/** Validates on the UI thread (cheap) so errors show at once; runs in the worker when valid. */
function schedule(): void {
  const issues = new Map<string, string>();
  const general: string[] = [];
  scenarios().forEach((scenario, index) => {
    try {
      parseScenario(scenario);
    } catch (error) {
      if (!(error instanceof InvalidScenarioError)) throw error;
      for (const issue of error.issues) {
        const key = fieldKeyOfIssue(issue.path, NAMES[index]);
        if (document.querySelector(`[data-error-for="${CSS.escape(key)}"]`)) issues.set(key, issue.message);
        else general.push(`${issue.path.replace(/^scenario\.policy/, `${NAMES[index]}`)}: ${issue.message}`);
      }
    }
  });
  for (const node of document.querySelectorAll<HTMLElement>('[data-error-for]')) node.textContent = issues.get(node.dataset.errorFor!) ?? '';
  for (const node of document.querySelectorAll<HTMLElement>('[data-key]')) node.classList.toggle('invalid', issues.has(node.dataset.key!));
  errorsBox.textContent = [...new Set(general)].join('\n');
  const valid = issues.size === 0 && general.length === 0;
  if (!valid) statusLine.textContent = 'Fix the highlighted fields to run the simulation.';
  const start = runs.changed(valid);
  if (start !== undefined) startRun(start);
}

function startRun(id: number): void {
  const request: WorkerRequest = { id, scenarios: scenarios() };
  worker.postMessage(request);
}

worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
  const { show, next } = runs.answered(event.data.id);
  if (show) {
    const answers = event.data.runs;
    const results = answers.map((run) => (run.ok ? run.result : undefined));
    if (results[0] && results[1]) {
      const shown: [SimulationResult, SimulationResult] = [results[0], results[1]];
      const elapsed = answers.map((run) => (run.ok ? run.elapsedMs : 0));
      renderResults(shown);
      statusLine.textContent = `Simulated ${shown.map((r, i) => `${NAMES[i]}: ${r.totals.requests.toLocaleString('en-US')} requests in ${elapsed[i].toFixed(0)} ms`).join(' · ')}`;
    } else errorsBox.textContent = answers.flatMap((run, i) => (run.ok ? [] : run.issues.map((issue) => `${NAMES[i]}: ${issue.message}`))).join('\n');
  }
  if (next !== undefined) startRun(next);
};

/** What the charts and tables show, kept to redraw them for a new size or theme. */
let lastResults: [SimulationResult, SimulationResult] | undefined;

function renderResults(results: [SimulationResult, SimulationResult]): void {
  lastResults = results;
  const labels = state.policies.map((p, i) => `${NAMES[i]}: ${p.label || 'unnamed'}`) as [string, string];
  const rows = results.map(summaryRows);
  const header = el('tr', {}, [el('th'), ...labels.map((label) => el('th', { textContent: label }))]);
  const body = rows[0].map((row, i) => {
    const b = rows[1][i];
    const comparable = row.better !== 'neutral' && row.key !== 'requests' && row.value !== null && b.value !== null && row.value !== b.value;
    const aBetter = comparable && (row.better === 'higher' ? row.value! > b.value! : row.value! < b.value!);
    const bBetter = comparable && !aBetter;
    return el('tr', { dataset: { row: row.key } }, [el('td', { textContent: row.label }), el('td', { textContent: row.text, className: aBetter ? 'better' : '' }), el('td', { textContent: b.text, className: bBetter ? 'better' : '' })]);
  });
  body.push(el('tr', {}, [el('td', { textContent: 'Failures by kind' }), ...results.map((r) => el('td', { textContent: failureBreakdown(r) }))]));
  summaryBox.replaceChildren(el('table', { className: 'summary' }, [el('thead', {}, [header]), el('tbody', {}, body)]));
  const differences = describeDifferences(results[0], results[1], ['A', 'B']);
  differencesBox.replaceChildren(...(differences.length ? differences : ['A and B behave the same in this scenario.']).map((text) => el('li', { textContent: text })));
  results.forEach((result, i) => chartColumns[i].render(result, results));
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseToPanel(event.data);
  if (!message?.policyFromCode) return;
  const { name, layers, unknowns } = message.policyFromCode;
  const policy: PanelPolicy = { label: name, policy: normalisedPolicy(layers), unknowns, fromCode: true };
  // A is the code as written; B starts as a copy to experiment with.
  state.policies = [policy, { ...structuredClone(policy), label: `${name} (edited)`, unknowns: [], fromCode: false }];
  save();
  renderControls();
  schedule();
});

// A resize changes only the charts' width: redraw the last results at the new size (once per frame), not a new simulation.
let resizeFrame: number | undefined;
window.addEventListener('resize', () => {
  if (resizeFrame !== undefined) return;
  resizeFrame = requestAnimationFrame(() => {
    resizeFrame = undefined;
    if (lastResults) renderResults(lastResults);
  });
});

// VS Code changes the body's class (vscode-light, vscode-dark, …) with the theme: redraw the charts in its colours.
new MutationObserver(() => {
  for (const column of chartColumns) column.clear();
  if (lastResults) renderResults(lastResults);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

renderControls();
schedule();
vscode.postMessage({ type: 'ready' });
