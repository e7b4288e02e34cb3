/**
 * Which controls the panel shows for a scenario and for each policy layer. Paths address the
 * panel state: `S.` is the scenario, `A.`/`B.` the two policies' layers, so a validation
 * issue's path maps straight onto the control that caused it.
 */

export type Path = (string | number)[];

export interface Field {
  path: Path;
  label: string;
  kind: 'number' | 'select' | 'checkbox';
  options?: readonly string[];
  /** Blank means "not set" (stored as null), e.g. maxAttempts for "retry forever". */
  blank?: string;
  title?: string;
}

const HANDLE = ['all', 'transient'] as const;
const DOWN_KINDS = ['http5xx', 'network', 'hang'] as const;
const FAILURE_KINDS = ['http5xx', 'network', 'hang', 'http429', 'http4xx'] as const;

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});

export function scenarioFields(scenario: Json): Field[] {
  const load = obj(scenario.load);
  const dependency = obj(scenario.dependency);
  const latency = obj(dependency.latency);
  const fields: Field[] = [
    { path: ['seed'], label: 'Seed', kind: 'number' },
    { path: ['durationMs'], label: 'Duration (ms)', kind: 'number' },
    { path: ['load', 'type'], label: 'Load', kind: 'select', options: ['open', 'closed'], title: 'open: arrivals at a rate; closed: N clients that wait for an answer, then think' },
  ];
  if (load.type === 'closed') {
    fields.push({ path: ['load', 'clients'], label: 'Clients', kind: 'number' }, { path: ['load', 'thinkTimeMs'], label: 'Think time (ms)', kind: 'number' });
  } else {
    fields.push({ path: ['load', 'arrivals'], label: 'Arrivals', kind: 'select', options: ['poisson', 'constant'] }, { path: ['load', 'ratePerSecond'], label: 'Requests/s', kind: 'number' });
  }
  fields.push({ path: ['dependency', 'latency', 'type'], label: 'Latency', kind: 'select', options: ['lognormal', 'uniform', 'fixed'] });
  if (latency.type === 'fixed') fields.push({ path: ['dependency', 'latency', 'ms'], label: 'Latency (ms)', kind: 'number' });
  else if (latency.type === 'uniform') {
    fields.push({ path: ['dependency', 'latency', 'minMs'], label: 'Min (ms)', kind: 'number' }, { path: ['dependency', 'latency', 'maxMs'], label: 'Max (ms)', kind: 'number' });
  } else {
    fields.push({ path: ['dependency', 'latency', 'medianMs'], label: 'Median (ms)', kind: 'number' }, { path: ['dependency', 'latency', 'p99Ms'], label: 'p99 (ms)', kind: 'number' });
  }
  for (const kind of FAILURE_KINDS) fields.push({ path: ['dependency', 'failures', kind], label: `P(${kind})`, kind: 'number', title: 'probability of this failure on a normal attempt, 0–1' });
  fields.push({ path: ['dependency', 'failFastMs'], label: 'Fail-fast (ms)', kind: 'number', title: 'how long a refused connection or a 503 from a full queue takes' });
  fields.push({ path: ['dependency', 'retryAfterMs'], label: 'Retry-After (ms)', kind: 'number', blank: 'none', title: 'what a 429 asks callers to wait; only a retryAfter backoff honours it' });
  fields.push({ path: ['dependency', 'capacity'], label: 'Limited capacity', kind: 'checkbox' });
  if (dependency.capacity) {
    fields.push({ path: ['dependency', 'capacity', 'concurrency'], label: 'Concurrency', kind: 'number' }, { path: ['dependency', 'capacity', 'queue'], label: 'Queue', kind: 'number' });
  }
  fields.push({ path: ['passesSignal'], label: 'Callback passes the signal', kind: 'checkbox', title: 'fn(({ signal }) => fetch(url, { signal })): timeouts can abort the request' });
  return fields;
}

export const PHASE_TYPES = ['outage', 'partial', 'latency', 'flapping', 'capacity'] as const;

export function phaseDefaults(type: string, startMs: number, endMs: number): Json {
  switch (type) {
    case 'partial':
      return { type, startMs, endMs, failureRate: 0.3, kind: 'http5xx' };
    case 'latency':
      return { type, startMs, endMs, multiplier: 10 };
    case 'flapping':
      return { type, startMs, endMs, periodMs: 4000, kind: 'network' };
    case 'capacity':
      return { type, startMs, endMs, factor: 0.5 };
    default:
      return { type: 'outage', startMs, endMs, kind: 'http5xx' };
  }
}

export function phaseFields(phase: Json): Field[] {
  const fields: Field[] = [
    { path: ['type'], label: 'Phase', kind: 'select', options: PHASE_TYPES },
    { path: ['startMs'], label: 'From (ms)', kind: 'number' },
    { path: ['endMs'], label: 'To (ms)', kind: 'number' },
  ];
  switch (phase.type) {
    case 'outage':
      fields.push({ path: ['kind'], label: 'Fails with', kind: 'select', options: DOWN_KINDS });
      break;
    case 'partial':
      fields.push({ path: ['failureRate'], label: 'Failure rate', kind: 'number' }, { path: ['kind'], label: 'Fails with', kind: 'select', options: FAILURE_KINDS });
      break;
    case 'latency':
      fields.push({ path: ['multiplier'], label: 'Latency ×', kind: 'number' });
      break;
    case 'flapping':
      fields.push({ path: ['periodMs'], label: 'Period (ms)', kind: 'number' }, { path: ['kind'], label: 'Fails with', kind: 'select', options: DOWN_KINDS });
      break;
    case 'capacity':
      fields.push({ path: ['factor'], label: 'Capacity ×', kind: 'number' });
      break;
  }
  return fields;
}

export const LAYER_TYPES = ['retry', 'breaker', 'bulkhead', 'timeout', 'fallback'] as const;

const EXPONENTIAL = { type: 'exponential', jitter: 'full', initialDelayMs: 128, maxDelayMs: 30_000, exponent: 2 };

/** A new layer of `type`, with every field filled. */
export function layerDefaults(type: string): Json {
  switch (type) {
    case 'breaker':
      return { type, handle: 'all', breaker: { type: 'consecutive', threshold: 5 }, halfOpenAfter: { type: 'constant', delayMs: 10_000 } };
    case 'bulkhead':
      return { type, limit: 10, queue: 50 };
    case 'timeout':
      return { type, timeoutMs: 2000, strategy: 'cooperative', abortOnReturn: true };
    case 'fallback':
      return { type, handle: 'all' };
    default:
      return { type: 'retry', handle: 'transient', maxAttempts: 3, backoff: { ...EXPONENTIAL } };
  }
}

export function backoffDefaults(type: string): Json {
  if (type === 'retryAfter') return { type, fallback: { ...EXPONENTIAL } };
  return type === 'constant' ? { type, delayMs: 1000 } : { ...EXPONENTIAL };
}

export function breakerDefaults(type: string): Json {
  switch (type) {
    case 'count':
      return { type, threshold: 0.5, size: 100, minimumNumberOfCalls: 20 };
    case 'sampling':
      return { type, threshold: 0.2, durationMs: 30_000, minimumRps: null };
    default:
      return { type: 'consecutive', threshold: 5 };
  }
}

function backoffFields(prefix: Path, backoff: Json, label: string, honoursRetryAfter = false): Field[] {
  const fields: Field[] = [
    { path: [...prefix, 'type'], label, kind: 'select', options: honoursRetryAfter ? ['constant', 'exponential', 'retryAfter'] : ['constant', 'exponential'], title: honoursRetryAfter ? 'retryAfter: wait what a 429 says, else the fallback' : undefined },
  ];
  if (backoff.type === 'retryAfter') return [...fields, ...backoffFields([...prefix, 'fallback'], obj(backoff.fallback), 'Otherwise')];
  if (backoff.type === 'constant') fields.push({ path: [...prefix, 'delayMs'], label: 'Delay (ms)', kind: 'number' });
  else {
    fields.push(
      { path: [...prefix, 'jitter'], label: 'Jitter', kind: 'select', options: ['none', 'full', 'half', 'decorrelated'] },
      { path: [...prefix, 'initialDelayMs'], label: 'Initial (ms)', kind: 'number' },
      { path: [...prefix, 'maxDelayMs'], label: 'Max (ms)', kind: 'number' },
    );
    if (backoff.jitter === 'decorrelated') fields.push({ path: [...prefix, 'exponent'], label: 'Exponent', kind: 'number' });
  }
  return fields;
}

export function layerFields(layer: Json): Field[] {
  switch (layer.type) {
    case 'retry':
      return [
        { path: ['handle'], label: 'Handles', kind: 'select', options: HANDLE, title: 'all = handleAll (also BrokenCircuitError); transient = network, timeouts, 429, 5xx' },
        { path: ['maxAttempts'], label: 'maxAttempts', kind: 'number', blank: 'forever', title: 'retries after the first call, as cockatiel counts them; blank = retry forever' },
        ...backoffFields(['backoff'], obj(layer.backoff), 'Backoff', true),
      ];
    case 'breaker': {
      const breaker = obj(layer.breaker);
      const fields: Field[] = [
        { path: ['handle'], label: 'Handles', kind: 'select', options: HANDLE },
        { path: ['breaker', 'type'], label: 'Breaker', kind: 'select', options: ['consecutive', 'count', 'sampling'] },
      ];
      if (breaker.type === 'count') {
        fields.push(
          { path: ['breaker', 'threshold'], label: 'Threshold', kind: 'number', title: 'opens when failures > threshold × calls in the window' },
          { path: ['breaker', 'size'], label: 'Window (calls)', kind: 'number' },
          { path: ['breaker', 'minimumNumberOfCalls'], label: 'Min calls', kind: 'number' },
        );
      } else if (breaker.type === 'sampling') {
        fields.push(
          { path: ['breaker', 'threshold'], label: 'Threshold', kind: 'number' },
          { path: ['breaker', 'durationMs'], label: 'Window (ms)', kind: 'number' },
          { path: ['breaker', 'minimumRps'], label: 'Min rps', kind: 'number', blank: '5/threshold', title: 'blank = cockatiel default, 5 / threshold' },
        );
      } else {
        fields.push({ path: ['breaker', 'threshold'], label: 'Consecutive failures', kind: 'number' });
      }
      fields.push(...backoffFields(['halfOpenAfter'], obj(layer.halfOpenAfter), 'Half-open after'));
      return fields;
    }
    case 'bulkhead':
      return [
        { path: ['limit'], label: 'Limit', kind: 'number' },
        { path: ['queue'], label: 'Queue', kind: 'number' },
      ];
    case 'timeout':
      return [
        { path: ['timeoutMs'], label: 'Timeout (ms)', kind: 'number' },
        { path: ['strategy'], label: 'Strategy', kind: 'select', options: ['cooperative', 'aggressive'] },
      ];
    default:
      return [{ path: ['handle'], label: 'Handles', kind: 'select', options: HANDLE }];
  }
}

/**
 * Where a validation issue belongs: `scenario.policy[1].breaker.threshold` of policy A becomes
 * `A.1.breaker.threshold`, `scenario.load.ratePerSecond` becomes `S.load.ratePerSecond`.
 */
export function fieldKeyOfIssue(issuePath: string, policy: 'A' | 'B'): string {
  const parts = issuePath.replace(/\[(\d+)\]/g, '.$1').split('.');
  if (parts[0] === 'scenario') parts.shift();
  if (parts[0] === 'policy') return [policy, ...parts.slice(1)].join('.');
  return ['S', ...parts].join('.');
}
