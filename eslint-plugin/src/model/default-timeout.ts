import type { FileModel } from './file-model';
import { configSources, type NetworkCall } from './network-call';
import { meansNoLimit } from './no-limit';

/**
 * Whether a call gets its timeout from a project-wide default the file does not show: its client is
 * among `clients` (the `timeoutSetElsewhere` option, by the name findings use: `axios`, `fetch`, `got`),
 * and neither the call nor the instance it goes through turns that default off (`timeout: 0` in the
 * call, `axios.create({ timeout: 0 })`). An axios instance inherits `axios.defaults`, so
 * `axios.defaults.timeout = 10000` in a setup module covers `axios.create()` instances too.
 */
export function timeoutSetElsewhere(model: FileModel, call: NetworkCall, clients: ReadonlySet<string>): boolean {
  if (!clients.has(call.entry.client)) return false;
  const keys = overridingKeys(call);
  if (keys.length === 0) return true;
  return !configSources(call).some(({ node, before }) =>
    model.options.branches(node).some((branch) =>
      keys.some((key) => {
        const lookup = model.options.lookup(branch, key, before);
        return lookup.state === 'present' && meansNoLimit(model, lookup.value);
      }),
    ),
  );
}

/** The options through which a call or instance turns its client's default timeout off. */
function overridingKeys(call: NetworkCall): readonly string[] {
  switch (call.entry.family) {
    case 'axios':
    case 'got':
    case 'ky':
    case 'node-http':
      return ['timeout'];
    case 'fetch':
      // node-fetch's own `timeout`, undici request's; a signal cannot turn a dispatcher's timeouts off.
      return call.entry.timeoutOptions ?? [];
    case 'superagent':
      return [];
  }
}
