/**
 * Stands in for `require('typescript')` inside the extension host's bundle: TypeScript comes from VS
 * Code or the workspace (./typescript-locations), not from the VSIX.
 */
import { requireTypeScript } from '../core/require-typescript';
import { typescriptLocations } from './typescript-locations';

export = requireTypeScript(typescriptLocations());
