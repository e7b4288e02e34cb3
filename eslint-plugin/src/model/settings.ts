import { FAMILIES, type UserClient } from './catalog';

/**
 * Shared settings, read from `settings.breakwater` in the ESLint config so that every rule (and the
 * extension) agrees on the same clients and protectors:
 *
 *   settings: { breakwater: { clients: [{ module: 'my-http', family: 'axios' }], protectors: ['withRetry'] } }
 */
export interface SharedSettings {
  readonly clients: readonly UserClient[];
  readonly protectors: readonly string[];
}

const EMPTY: SharedSettings = { clients: [], protectors: [] };
const cache = new WeakMap<object, SharedSettings>();

/** ESLint validates rule options by schema but not settings: do it here, with a message that says what to mend. */
export class InvalidSettingsError extends Error {
  constructor(detail: string) {
    super(`eslint-plugin-breakwater: invalid settings.breakwater: ${detail}`);
    this.name = 'InvalidSettingsError';
  }
}

export function readSharedSettings(settings: Readonly<Record<string, unknown>> | undefined): SharedSettings {
  const raw = settings?.breakwater;
  if (raw === undefined) return EMPTY;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidSettingsError('expected an object with optional "clients" and "protectors".');
  }
  const cached = cache.get(raw);
  if (cached) return cached;
  const { clients = [], protectors = [], ...rest } = raw as Record<string, unknown>;
  const unknownKeys = Object.keys(rest);
  if (unknownKeys.length > 0) {
    throw new InvalidSettingsError(`unknown key "${unknownKeys[0]}" (expected "clients" or "protectors").`);
  }
  const parsed: SharedSettings = { clients: parseClients(clients, 'clients'), protectors: parseNames(protectors, 'protectors') };
  cache.set(raw, parsed);
  return parsed;
}

export function parseClients(value: unknown, where: string): UserClient[] {
  if (!Array.isArray(value)) throw new InvalidSettingsError(`"${where}" must be an array.`);
  return value.map((item: unknown, i) => {
    const at = `"${where}[${i}]"`;
    if (typeof item !== 'object' || item === null) throw new InvalidSettingsError(`${at} must be an object.`);
    const client = item as Record<string, unknown>;
    if (typeof client.module !== 'string' || client.module === '') {
      throw new InvalidSettingsError(`${at}.module must be a non-empty string.`);
    }
    if (typeof client.family !== 'string' || !(FAMILIES as readonly string[]).includes(client.family)) {
      throw new InvalidSettingsError(`${at}.family must be one of ${FAMILIES.join(', ')}.`);
    }
    for (const key of ['export', 'name'] as const) {
      if (client[key] !== undefined && typeof client[key] !== 'string') {
        throw new InvalidSettingsError(`${at}.${key} must be a string.`);
      }
    }
    return client as unknown as UserClient;
  });
}

function parseNames(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw new InvalidSettingsError(`"${where}" must be an array of non-empty strings.`);
  }
  return value as string[];
}
