import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName } from '../util/ast';
import type { FileModel } from './file-model';
import { functionType, isTypeofFetch, namesRequestType, parameterType } from './function-types';

/** Names that say a value is a `Request`: `request`, `req`, `clonedRequest`, `event.request`. */
const REQUEST_NAME = /^(?:req|request|\w*Request)$/;

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
  const definition = model.resolver.variableOf(input)?.defs[0];
  const declared = definition?.name;
  const annotation = declared?.type === AST_NODE_TYPES.Identifier ? declared.typeAnnotation?.typeAnnotation : undefined;
  if (annotation !== undefined) return namesRequestType(annotation);
  return definition?.type === 'Parameter' && declared !== undefined && contextualParameterMayBeRequest(definition.node as TSESTree.Node, declared as TSESTree.Node);
}

/**
 * An unannotated parameter of a function written where a function type is expected, at a position
 * where that type takes a Request: Speakeasy's generated SDKs send with
 * `const DEFAULT_FETCHER: Fetcher = (input, init) => fetch(input, init)`, where
 * `type Fetcher = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>`, and a function
 * typed `typeof fetch` takes one first.
 */
function contextualParameterMayBeRequest(fn: TSESTree.Node, parameter: TSESTree.Node): boolean {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return false;
  const index = fn.params.indexOf(parameter as TSESTree.Parameter);
  if (index < 0) return false;
  const type = contextualType(fn);
  if (type && isTypeofFetch(type)) return index === 0;
  const signature = type && functionType(type);
  const declaredType = signature && parameterType(signature, index);
  return declaredType !== undefined && namesRequestType(declaredType);
}

/** The type a function expression is written to: its variable's or field's annotation, or an `as`/`satisfies`. */
function contextualType(fn: TSESTree.Node): TSESTree.TypeNode | undefined {
  const parent = fn.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.typeAnnotation?.typeAnnotation : undefined;
    case AST_NODE_TYPES.PropertyDefinition:
      return parent.value === fn ? parent.typeAnnotation?.typeAnnotation : undefined;
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
      return parent.typeAnnotation;
    default:
      return undefined;
  }
}
