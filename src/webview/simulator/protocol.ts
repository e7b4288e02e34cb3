/**
 * What the Policy Simulator panel and the extension say to each other, and the panel's saved
 * state. Both sides validate what they receive: a webview is untrusted content.
 */

export interface PanelPolicy {
  label: string;
  /** Layers in the JSON form `parsePolicy` reads, outermost first. */
  policy: unknown[];
  /** Parameters read from code that fell back to defaults, in words. */
  unknowns: string[];
  /** Read from code by the CodeLens: kept when another preset is picked. */
  fromCode: boolean;
}

export interface PanelState {
  version: 1;
  presetId: string | null;
  /** The scenario without its policy, in the JSON form `parseScenario` reads. */
  scenario: Record<string, unknown>;
  policies: [PanelPolicy, PanelPolicy];
}

/** A policy read from code by the CodeLens. */
export interface PolicyFromCode {
  name: string;
  layers: unknown[];
  unknowns: string[];
}

export type ToPanel = { type: 'load'; policyFromCode?: PolicyFromCode };

export type FromPanel = { type: 'ready' } | { type: 'copyAsCode'; label: string; policy: unknown[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates a message from the webview; anything else is dropped. */
export function parseFromPanel(message: unknown): FromPanel | undefined {
  if (!isRecord(message)) return undefined;
  if (message.type === 'ready' && Object.keys(message).length === 1) return { type: 'ready' };
  if (message.type === 'copyAsCode' && typeof message.label === 'string' && message.label.length <= 200 && Array.isArray(message.policy) && message.policy.length <= 20) {
    return { type: 'copyAsCode', label: message.label, policy: message.policy };
  }
  return undefined;
}

/** Validates a message from the extension (the panel checks too: belt and braces). */
export function parseToPanel(message: unknown): ToPanel | undefined {
  if (!isRecord(message) || message.type !== 'load') return undefined;
  const code = message.policyFromCode;
  if (code === undefined) return { type: 'load' };
  if (isRecord(code) && typeof code.name === 'string' && Array.isArray(code.layers) && Array.isArray(code.unknowns) && code.unknowns.every((u) => typeof u === 'string')) {
    return { type: 'load', policyFromCode: { name: code.name, layers: code.layers, unknowns: code.unknowns as string[] } };
  }
  return undefined;
}

/** A saved state worth restoring (the right version and shape), else undefined. */
export function parseState(value: unknown): PanelState | undefined {
  if (!isRecord(value) || value.version !== 1 || !isRecord(value.scenario) || !Array.isArray(value.policies) || value.policies.length !== 2) return undefined;
  if (value.presetId !== null && typeof value.presetId !== 'string') return undefined;
  const policies = value.policies.map((p): PanelPolicy | undefined =>
    isRecord(p) && typeof p.label === 'string' && Array.isArray(p.policy) && Array.isArray(p.unknowns)
      ? { label: p.label, policy: p.policy, unknowns: p.unknowns.filter((u): u is string => typeof u === 'string'), fromCode: p.fromCode === true }
      : undefined,
  );
  if (!policies[0] || !policies[1]) return undefined;
  return { version: 1, presetId: value.presetId, scenario: value.scenario, policies: [policies[0], policies[1]] };
}
