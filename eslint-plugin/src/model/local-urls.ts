import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName, stringLiteral, unwrap } from '../util/ast';
import { constInitializer } from './const-binding';

/** Schemes that name data in the program or on this machine, never a service across the network. */
const LOCAL_SCHEME = /^(?:data|blob|file):/i;

/** How many `const` names to follow to the URL (`const fontUrl = new URL(…); fetch(fontUrl)`). */
const MAX_CONST_STEPS = 2;

/**
 * Whether a request's URL argument names something local, so the request cannot hang on a dependency
 * and no retry would help it: a file that ships with the module (`new URL("./Inter.ttf", import.meta.url)`,
 * how Next.js's image routes load their fonts), a `data:`, `blob:` or `file:` URL, or
 * `URL.createObjectURL(…)`. Read through `.href`, `.toString()` and `const` names.
 */
export function isLocalResourceUrl(argument: TSESTree.Node, variableOf: VariableOf): boolean {
  const url = followConst(withoutStringConversion(unwrap(argument)), variableOf);
  const head = urlHead(url, variableOf);
  if (head !== undefined) return LOCAL_SCHEME.test(head.text);
  if (url.type === AST_NODE_TYPES.NewExpression) {
    // `new URL(path, import.meta.url)`: resolved against the module's own location.
    return isGlobalName(url.callee, 'URL') && url.arguments[1] !== undefined && isImportMetaUrl(unwrap(url.arguments[1]));
  }
  return url.type === AST_NODE_TYPES.CallExpression && url.callee.type === AST_NODE_TYPES.MemberExpression && isGlobalName(url.callee.object, 'URL') && staticPropertyName(url.callee) === 'createObjectURL';
}

/** A loopback host after the scheme, then the end of the host. */
const LOOPBACK = /^(?:https?|wss?):\/\/(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)(?=[:/?#]|$)/i;

/**
 * Whether a request's URL is written out as one to this machine (`http://localhost:${port}/health`,
 * `new URL("/ready", "http://127.0.0.1:8080")`), also through a `const`. A test harness waiting for
 * the server it just started sends these: one client, not a fleet that could fail and retry in step.
 */
export function isLoopbackUrl(argument: TSESTree.Node, variableOf: VariableOf): boolean {
  const url = followConst(withoutStringConversion(unwrap(argument)), variableOf);
  const head = url.type === AST_NODE_TYPES.NewExpression && isGlobalName(url.callee, 'URL') && url.arguments[1] ? urlHead(unwrap(url.arguments[1]), variableOf) : urlHead(url, variableOf);
  if (!head) return false;
  const match = LOOPBACK.exec(head.text);
  // `http://localhost${rest}` could go on to name another host (`.example.com`): only a host that ends in the text counts.
  return match !== null && (match[0].length < head.text.length || head.complete);
}

type VariableOf = (identifier: TSESTree.Identifier) => TSESLint.Scope.Variable | undefined;

/** The initializer of the `const` an identifier names, followed a few steps; the node itself otherwise. */
function followConst(node: TSESTree.Node, variableOf: VariableOf): TSESTree.Node {
  let current = node;
  for (let step = 0; step < MAX_CONST_STEPS && current.type === AST_NODE_TYPES.Identifier; step++) {
    const variable = variableOf(current);
    const init = variable && constInitializer(variable);
    if (!init) break;
    current = withoutStringConversion(init);
  }
  return current;
}

/** `u.href`, `u.toString()`, `String(u)`: the same URL as text. */
function withoutStringConversion(node: TSESTree.Node): TSESTree.Node {
  if (node.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(node) === 'href') return unwrap(node.object);
  if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 0 && node.callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(node.callee) === 'toString') {
    return unwrap(node.callee.object);
  }
  if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 1 && isGlobalName(node.callee, 'String')) return unwrap(node.arguments[0]!);
  return node;
}

/**
 * The text a string URL starts with, as far as the code spells it out: a literal (`complete`), a
 * template's first part, or the start of the `const` a template or `a + b` begins with
 * (`${BASE}/health` with `const BASE = "http://localhost:3000"`).
 */
function urlHead(node: TSESTree.Node, variableOf: VariableOf): { text: string; complete: boolean } | undefined {
  const literal = stringLiteral(node);
  if (literal !== undefined) return { text: literal, complete: true };
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    const first = node.quasis[0]?.value.cooked ?? '';
    const lead = node.expressions[0];
    if (first !== '' || !lead) return { text: first, complete: node.expressions.length === 0 };
    const inner = urlHead(followConst(withoutStringConversion(unwrap(lead)), variableOf), variableOf);
    return inner && { text: inner.text + (inner.complete ? (node.quasis[1]?.value.cooked ?? '') : ''), complete: false };
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    const inner = urlHead(followConst(withoutStringConversion(unwrap(node.left)), variableOf), variableOf);
    return inner && { text: inner.text, complete: false };
  }
  return undefined;
}

// A local class named `URL` would be odd enough to ignore: the name is read, not resolved.
function isGlobalName(node: TSESTree.Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === name;
}

function isImportMetaUrl(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.MetaProperty &&
    node.object.meta.name === 'import' &&
    staticPropertyName(node) === 'url'
  );
}
