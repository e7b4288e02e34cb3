import { AST_NODE_TYPES as EXPORTED_NODE_TYPES } from '@typescript-eslint/utils';

/**
 * The AST node type names, read once. `@typescript-eslint/utils` re-exports them through a chain of
 * CommonJS getters, and compiled code reads `AST_NODE_TYPES.Identifier` from the module object at each
 * comparison, calling that chain every time: rules compare node types in every loop, and the getters
 * were a tenth of a rule's time. A plain constant costs a property load.
 */
export const AST_NODE_TYPES: typeof EXPORTED_NODE_TYPES = EXPORTED_NODE_TYPES;
