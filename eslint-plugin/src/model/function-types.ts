import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { programOf } from '../util/ast';

/** Type names whose values may be a `Request` object, which carries its own signal. */
const REQUEST_TYPES = new Set(['Request', 'RequestInfo']);

/** `Request`, `RequestInfo`, or a union or intersection with one of them (`RequestInfo | URL`). */
export function namesRequestType(type: TSESTree.TypeNode): boolean {
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

/** `typeof fetch`, `typeof globalThis.fetch`. */
export function isTypeofFetch(type: TSESTree.TypeNode): type is TSESTree.TSTypeQuery {
  if (type.type !== AST_NODE_TYPES.TSTypeQuery) return false;
  const name = type.exprName;
  return (name.type === AST_NODE_TYPES.Identifier && name.name === 'fetch') || (name.type === AST_NODE_TYPES.TSQualifiedName && name.right.name === 'fetch');
}

/** A function type, written out or through a type alias the file declares (`type Fetcher = (input: RequestInfo | URL) => …`). */
export function functionType(type: TSESTree.TypeNode): TSESTree.TSFunctionType | undefined {
  if (type.type === AST_NODE_TYPES.TSFunctionType) return type;
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier || type.typeArguments) return undefined;
  const name = type.typeName.name;
  for (const statement of programOf(type)?.body ?? []) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.id.name === name) {
      return declaration.typeAnnotation.type === AST_NODE_TYPES.TSFunctionType ? declaration.typeAnnotation : undefined;
    }
  }
  return undefined;
}

/** The declared type of a function type's parameter at `index`. */
export function parameterType(signature: TSESTree.TSFunctionType, index: number): TSESTree.TypeNode | undefined {
  const declared = signature.params[index];
  return declared && 'typeAnnotation' in declared ? declared.typeAnnotation?.typeAnnotation : undefined;
}

/**
 * A function type shaped like fetch: its first parameter takes a Request (`RequestInfo | URL`) and it
 * returns `Promise<Response>`. Speakeasy's generated SDKs declare `type Fetcher` so.
 */
export function isFetchShaped(type: TSESTree.TypeNode): boolean {
  const signature = functionType(type);
  const input = signature && parameterType(signature, 0);
  const returned = signature?.returnType?.typeAnnotation;
  const promised = returned && typeNamed(returned, 'Promise')?.typeArguments?.params;
  return input !== undefined && namesRequestType(input) && promised?.length === 1 && typeNamed(promised[0]!, 'Response') !== undefined;
}

/** The type as a reference to `name` (`Promise<…>`, `Response`), else undefined. */
function typeNamed(type: TSESTree.TypeNode, name: string): TSESTree.TSTypeReference | undefined {
  return type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === name ? type : undefined;
}
