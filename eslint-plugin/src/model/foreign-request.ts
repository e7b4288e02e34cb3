import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName } from '../util/ast';
import type { FileModel } from './file-model';

/** Names that say a value is a `Request`: `request`, `req`, `clonedRequest`, `event.request`. */
const REQUEST_NAME = /^(?:req|request|\w*Request)$/;

/** Type names whose values may be a `Request` object, which carries its own signal. */
const REQUEST_TYPES = new Set(['Request', 'RequestInfo']);

/**
 * Whether fetch's input may be a `Request` made outside the file, which carries its own signal
 * (`fetch(event.request)` in a service worker, `async fetch(request: Request) { … return fetch(request); }`):
 * an input declared with a `Request` or `RequestInfo` type, or named like one. The file cannot show
 * whether that Request has a timeout, so the rules treat it as unresolved rather than as missing.
 */
export function mayBeForeignRequest(model: FileModel, input: TSESTree.Node): boolean {
  if (input.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticPropertyName(input);
    return name !== undefined && REQUEST_NAME.test(name);
  }
  if (input.type !== AST_NODE_TYPES.Identifier) return false;
  if (REQUEST_NAME.test(input.name)) return true;
  const declared = model.resolver.variableOf(input)?.defs[0]?.name;
  const annotation = declared?.type === AST_NODE_TYPES.Identifier ? declared.typeAnnotation?.typeAnnotation : undefined;
  return annotation !== undefined && namesRequestType(annotation);
}

/** `Request`, `RequestInfo`, or a union or intersection with one of them (`RequestInfo | URL`). */
function namesRequestType(type: TSESTree.TypeNode): boolean {
  switch (type.type) {
    case AST_NODE_TYPES.TSTypeReference:
      return type.typeName.type === AST_NODE_TYPES.Identifier && REQUEST_TYPES.has(type.typeName.name);
    case AST_NODE_TYPES.TSUnionType:
    case AST_NODE_TYPES.TSIntersectionType:
      return type.types.some(namesRequestType);
    default:
      return false;
  }
}
