/** The simulator panel's shell and messages, without VS Code: CSP, and validation both ways. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { contentSecurityPolicy, simulatorHtml } from '../../src/panel/simulator-html';
import { LatestRun } from '../../src/webview/simulator/latest-run';
import { parseFromPanel, parseState, parseToPanel } from '../../src/webview/simulator/protocol';
import { ROOT } from '../helpers';

describe('simulator panel shell', () => {
  const html = simulatorHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://x/dist/webview/simulator.js', styleUri: 'https://x/dist/webview/simulator.css', nonce: 'abc123' });

  it('has a strict Content-Security-Policy with a nonce and no remote sources', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(
      csp,
      "default-src 'none'; script-src 'nonce-abc123'; style-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net data:; font-src https://file+.vscode-resource.vscode-cdn.net; worker-src blob:",
    );
    assert.doesNotMatch(contentSecurityPolicy('x', 'n'), /unsafe-inline|unsafe-eval|\*|https?:/);
  });

  it('loads exactly one script, by nonce, and no inline code or handlers', () => {
    assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="abc123" src="https://x/dist/webview/simulator.js">']);
    assert.doesNotMatch(html, /\son\w+=/);
    assert.doesNotMatch(html, /<style/);
  });

  it('makes a fresh nonce each time', () => {
    const nonce = (text: string) => /nonce-([^']+)'/.exec(text)?.[1];
    const a = nonce(simulatorHtml({ cspSource: 's', scriptUri: 'a', styleUri: 'b' }));
    const b = nonce(simulatorHtml({ cspSource: 's', scriptUri: 'a', styleUri: 'b' }));
    assert.ok(a && b && a !== b && a.length >= 24);
  });

  it('bundles the panel with no remote resources', () => {
    for (const file of ['simulator.js', 'simulator.css']) {
      const text = fs.readFileSync(path.join(ROOT, 'dist', 'webview', file), 'utf8');
      assert.doesNotMatch(text, /(?:src|href)\s*=\s*["']https?:|@import\s+url\(|url\(["']?https?:/, file);
    }
  });
});

describe('simulator panel messages', () => {
  it('accepts only the messages the panel sends', () => {
    assert.deepEqual(parseFromPanel({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromPanel({ type: 'copyAsCode', label: 'A', policy: [{ type: 'retry' }] }), { type: 'copyAsCode', label: 'A', policy: [{ type: 'retry' }] });
    for (const bad of [null, 'ready', { type: 'ready', extra: 1 }, { type: 'copyAsCode', label: 3, policy: [] }, { type: 'copyAsCode', label: 'x', policy: 'rm -rf' }, { type: 'copyAsCode', label: 'x'.repeat(201), policy: [] }, { type: 'copyAsCode', label: 'x', policy: new Array(21).fill({}) }, { type: 'runCommand', command: 'workbench.action.terminal.new' }]) {
      assert.equal(parseFromPanel(bad), undefined, JSON.stringify(bad));
    }
  });

  it('accepts a load message with or without a policy read from code', () => {
    assert.deepEqual(parseToPanel({ type: 'load' }), { type: 'load' });
    assert.deepEqual(parseToPanel({ type: 'load', policyFromCode: { name: 'p', layers: [], unknowns: ['x'] } }), { type: 'load', policyFromCode: { name: 'p', layers: [], unknowns: ['x'] } });
    assert.equal(parseToPanel({ type: 'load', policyFromCode: { name: 'p', layers: [], unknowns: [1] } }), undefined);
    assert.equal(parseToPanel({ type: 'other' }), undefined);
  });

  it('restores only a saved state of the right shape', () => {
    const state = { version: 1, presetId: 'outage', scenario: {}, policies: [{ label: 'a', policy: [], unknowns: [], fromCode: true }, { label: 'b', policy: [], unknowns: [] }] };
    assert.deepEqual(parseState(state), { ...state, policies: [state.policies[0], { ...state.policies[1], fromCode: false }] });
    for (const bad of [undefined, null, { ...state, version: 2 }, { ...state, policies: [] }, { ...state, presetId: 3 }, { ...state, scenario: [] }]) assert.equal(parseState(bad), undefined, JSON.stringify(bad));
  });
});

describe('simulator panel runs (which result the panel shows)', () => {
  it('starts a run for valid inputs and shows its answer', () => {
    const runs = new LatestRun();
    const first = runs.changed(true);
    assert.equal(first, 1);
    assert.deepEqual(runs.answered(1), { show: true });
  });

  it('starts nothing for invalid inputs', () => {
    const runs = new LatestRun();
    assert.equal(runs.changed(false), undefined);
    assert.equal(runs.changed(true), 2);
  });

  // Regression (e2e on a busy machine): a run started by a resize answered after a field turned
  // invalid, and its "Simulated" status replaced "Fix the highlighted fields".
  it('drops an answer that came after the inputs turned invalid, and starts no run for them', () => {
    const runs = new LatestRun();
    runs.changed(true);
    assert.equal(runs.changed(false), undefined);
    assert.deepEqual(runs.answered(1), { show: false });
    assert.equal(runs.changed(true), 3);
    assert.deepEqual(runs.answered(3), { show: true });
  });

  it('keeps one run in the worker: edits during it start one more run, for the latest inputs', () => {
    const runs = new LatestRun();
    runs.changed(true);
    assert.equal(runs.changed(true), undefined);
    assert.equal(runs.changed(false), undefined);
    assert.equal(runs.changed(true), undefined);
    assert.deepEqual(runs.answered(1), { show: false, next: 4 });
    assert.deepEqual(runs.answered(4), { show: true });
  });

  it('ignores an answer it is not waiting for', () => {
    const runs = new LatestRun();
    runs.changed(true);
    assert.deepEqual(runs.answered(7), { show: false });
    assert.deepEqual(runs.answered(1), { show: true });
  });
});
