/**
 * The extension's settings, read from VS Code's configuration and validated: a broken value falls
 * back to its default and yields one warning naming the setting, never an exception.
 * Pure (no `vscode` import) so it is unit-tested without VS Code.
 */

import { RULE_CATALOG, RULE_NAMES, type RuleName } from 'eslint-plugin-breakwater/dist/rule-names';
import { TEST_FILE_GLOBS } from 'eslint-plugin-breakwater/dist/test-files';

/** The plugin's rules: the extension knows no rule the plugin does not define. */
export type RuleId = RuleName;
export const RULE_IDS: readonly RuleId[] = RULE_NAMES;

export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint' | 'off';
export type DiagnosticsMode = 'auto' | 'on' | 'off';

export interface ExtensionSettings {
  readonly enable: boolean;
  readonly diagnostics: DiagnosticsMode;
  /** Severity per rule; rules not listed use their default. */
  readonly rules: Readonly<Record<RuleId, RuleSeverity>>;
  /** Options passed to each rule (the plugin's schema validates them). */
  readonly ruleOptions: Readonly<Partial<Record<RuleId, Record<string, unknown>>>>;
  readonly exclude: readonly string[];
  /** Files longer than this many characters are not linted (one status-bar notice says so). */
  readonly maxFileSize: number;
  readonly debounceMs: number;
}

export const DEFAULT_SETTINGS: ExtensionSettings = {
  enable: true,
  diagnostics: 'auto',
  // Rules in the plugin's recommended config are warnings; the others start off.
  rules: Object.fromEntries(
    RULE_IDS.map((rule) => [rule, RULE_CATALOG[rule].recommended ? 'warning' : 'off']),
  ) as Record<RuleId, RuleSeverity>,
  ruleOptions: {},
  exclude: ['**/node_modules/**', '**/dist/**', '**/*.min.js', ...TEST_FILE_GLOBS],
  maxFileSize: 500_000,
  debounceMs: 150,
};

const SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'info', 'hint', 'off'];
const MODES: readonly DiagnosticsMode[] = ['auto', 'on', 'off'];

export interface SettingsResult {
  readonly settings: ExtensionSettings;
  /** One line per broken setting, naming it and the default used instead. */
  readonly warnings: readonly string[];
}

/** `get(key)` returns the raw value of `breakwater.<key>`, or undefined when unset. */
export function readSettings(get: (key: string) => unknown): SettingsResult {
  const warnings: string[] = [];
  const broken = (key: string, expected: string, fallback: unknown) =>
    warnings.push(`breakwater.${key} must be ${expected}; using the default ${JSON.stringify(fallback)}.`);

  const pick = <T>(key: keyof ExtensionSettings, valid: (value: unknown) => value is T, expected: string): T => {
    const fallback = DEFAULT_SETTINGS[key] as T;
    const value = get(key);
    if (value === undefined) return fallback;
    if (valid(value)) return value;
    broken(key, expected, fallback);
    return fallback;
  };

  const enable = pick('enable', (v): v is boolean => typeof v === 'boolean', 'true or false');
  const diagnostics = pick('diagnostics', (v): v is DiagnosticsMode => MODES.includes(v as DiagnosticsMode), '"auto", "on" or "off"');
  const exclude = pick('exclude', isStringArray, 'an array of glob strings');
  const maxFileSize = pick('maxFileSize', (v): v is number => Number.isInteger(v) && (v as number) > 0, 'a positive whole number');
  const debounceMs = pick('debounceMs', (v): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 5000, 'a whole number from 0 to 5000');

  const rules = { ...DEFAULT_SETTINGS.rules };
  const rawRules = get('rules');
  if (rawRules !== undefined) {
    if (typeof rawRules !== 'object' || rawRules === null || Array.isArray(rawRules)) {
      broken('rules', 'an object of rule severities', DEFAULT_SETTINGS.rules);
    } else {
      for (const [rule, severity] of Object.entries(rawRules)) {
        if (!(RULE_IDS as readonly string[]).includes(rule)) {
          warnings.push(`breakwater.rules: unknown rule "${rule}" is ignored (known: ${RULE_IDS.join(', ')}).`);
        } else if (!SEVERITIES.includes(severity as RuleSeverity)) {
          warnings.push(`breakwater.rules["${rule}"] must be one of ${SEVERITIES.join(', ')}; using "${rules[rule as RuleId]}".`);
        } else {
          rules[rule as RuleId] = severity as RuleSeverity;
        }
      }
    }
  }

  const ruleOptions: Partial<Record<RuleId, Record<string, unknown>>> = {};
  const rawOptions = get('ruleOptions');
  if (rawOptions !== undefined) {
    if (typeof rawOptions !== 'object' || rawOptions === null || Array.isArray(rawOptions)) {
      broken('ruleOptions', 'an object of rule options', {});
    } else {
      for (const [rule, options] of Object.entries(rawOptions)) {
        if (!(RULE_IDS as readonly string[]).includes(rule)) {
          warnings.push(`breakwater.ruleOptions: unknown rule "${rule}" is ignored.`);
        } else if (typeof options !== 'object' || options === null || Array.isArray(options)) {
          warnings.push(`breakwater.ruleOptions["${rule}"] must be an object; using the rule's defaults.`);
        } else {
          ruleOptions[rule as RuleId] = options as Record<string, unknown>;
        }
      }
    }
  }

  return { settings: { enable, diagnostics, rules, ruleOptions, exclude, maxFileSize, debounceMs }, warnings };
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
