import type { JSONSchema } from '@typescript-eslint/utils';
import { USER_CLIENT_SCHEMA, type UserClient } from './catalog';

/** Options every Breakwater rule takes. */
export interface CommonOptions {
  /**
   * What to do when the file does not show enough to decide (options from a parameter, an import, a
   * spread of unknown contents): stay silent (`"ignore"`, the default) or report (`"report"`).
   */
  unresolved?: 'ignore' | 'report';
  /** Extra clients for this rule, on top of `settings.breakwater.clients`. */
  clients?: UserClient[];
}

export const COMMON_OPTION_PROPERTIES: Record<string, JSONSchema.JSONSchema4> = {
  unresolved: {
    type: 'string',
    enum: ['ignore', 'report'],
    description: 'Report calls whose options the file does not show ("report") or stay silent ("ignore").',
  },
  clients: { ...USER_CLIENT_SCHEMA, description: 'Extra HTTP clients: { module, export?, family, name? }.' },
};

/** The options schema of a rule that takes only the common options. */
export const COMMON_OPTIONS_SCHEMA: JSONSchema.JSONSchema4[] = [{ type: 'object', properties: { ...COMMON_OPTION_PROPERTIES }, additionalProperties: false }];
