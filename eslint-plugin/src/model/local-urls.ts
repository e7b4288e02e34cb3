import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName, stringLiteral, unwrap } from '../util/ast';
import { constInitializer } from './const-binding';
import type { VariableOf } from './class-fields';

/** Schemes that name data in the program or on this machine, never a service across the network. */
const LOCAL_SCHEME = /^(?:data|blob|file):/i;

/** How many `const` names to follow to the URL (`const fontUrl = new URL(…); fetch(fontUrl)`). */
const MAX_CONST_STEPS = 2;

/**
 * Whether a request's URL argument names something local, so the request cannot hang on a dependency
 * and no retry would help it: a file that ships with the module (`new URL("./Inter.ttf", import.meta.url)`,
 * how Next.js's image routes load their fonts), a `data:`, `blob:` or `file:` URL,
 * `URL.createObjectURL(…)`, a name the file revokes as an object URL or only uses after checking it
 * holds a local URL, or a data URL a canvas or a DOM renderer makes. Read through `.href`,
 * `.toString()`, `await` and `const` names.
 */
export function isLocalResourceUrl(argument: TSESTree.Node, variableOf: VariableOf): boolean {
  const written = withoutStringConversion(awaited(unwrap(argument)));
  if (written.type === AST_NODE_TYPES.Identifier && (isRevokedObjectUrl(written, variableOf) || isCheckedLocal(written, variableOf))) return true;
  const url = followConst(written, variableOf);
  const head = urlHead(url, variableOf);
  if (head !== undefined) return LOCAL_SCHEME.test(head.text);
  if (url.type === AST_NODE_TYPES.NewExpression) {
    // `new URL(path, import.meta.url)`: resolved against the module's own location.
    return isGlobalName(url.callee, 'URL') && url.arguments[1] !== undefined && isImportMetaUrl(unwrap(url.arguments[1]));
  }
  if (url.type !== AST_NODE_TYPES.CallExpression) return false;
  return isUrlMethodCall(url, 'createObjectURL') || makesDataUrl(url, variableOf);
}

/**
 * Functions of DOM-rendering libraries that resolve to a `data:` URL of the picture they draw (a
 * page turns it into a Blob with `fetch(dataUrl)`), by module.
 */
const DATA_URL_RENDERERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['html-to-image', new Set(['toPng', 'toJpeg', 'toSvg'])],
  ['dom-to-image', new Set(['toPng', 'toJpeg', 'toSvg'])],
  ['dom-to-image-more', new Set(['toPng', 'toJpeg', 'toSvg'])],
  ['modern-screenshot', new Set(['domToPng', 'domToJpeg', 'domToWebp', 'domToSvg', 'domToDataUrl'])],
]);

/**
 * A call that returns a `data:` URL: `canvas.toDataURL()` (a canvas, or a drawing library's stage,
 * which keep the name), or a renderer imported from one of DATA_URL_RENDERERS (`toPng(node)`,
 * `htmlToImage.toPng(node)`).
 */
function makesDataUrl(call: TSESTree.CallExpression, variableOf: VariableOf): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = staticPropertyName(callee);
    if (method === 'toDataURL') return true;
    const object = unwrap(callee.object);
    if (method === undefined || object.type !== AST_NODE_TYPES.Identifier) return false;
    const imported = importOf(object, variableOf);
    // `import * as htmlToImage from 'html-to-image'`, or its default export (the same functions).
    return imported !== undefined && imported.name !== 'named' && DATA_URL_RENDERERS.get(imported.module)?.has(method) === true;
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const imported = importOf(callee, variableOf);
  return imported?.name === 'named' && DATA_URL_RENDERERS.get(imported.module)?.has(imported.imported) === true;
}

/** The module and export an identifier is imported as, read from its import declaration. */
function importOf(
  identifier: TSESTree.Identifier,
  variableOf: VariableOf,
): { module: string; name: 'named'; imported: string } | { module: string; name: 'default' | 'namespace' } | undefined {
  const def = variableOf(identifier)?.defs[0];
  if (def?.type !== 'ImportBinding' || def.parent?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  const module = def.parent.source.value;
  const specifier = def.node;
  if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { module, name: 'namespace' };
  if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { module, name: 'default' };
  if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
  const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
  return { module, name: 'named', imported };
}

/**
 * Whether the file hands the value a name holds to `URL.revokeObjectURL()`: only an object URL (`blob:`)
 * is revoked, so the name holds one, wherever it came from (`fetch(objectUrl)` then
 * `URL.revokeObjectURL(objectUrl)`, with `objectUrl` a parameter).
 */
function isRevokedObjectUrl(identifier: TSESTree.Identifier, variableOf: VariableOf): boolean {
  const variable = variableOf(identifier);
  return (
    variable !== undefined &&
    variable.references.some((reference) => {
      const parent = reference.identifier.parent;
      return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === reference.identifier && isUrlMethodCall(parent, 'revokeObjectURL');
    })
  );
}

/**
 * Whether the code around a name only reaches this use when the name holds a local URL: inside
 * `if (url.startsWith("blob:")) { … }` (or `? :`, `&&`), or after `if (!url.startsWith("blob:")) return;`
 * (cline's `toImageDataUrl`, which reads an attached image's object URL). Only for a name nothing
 * assigns again, so the check still holds where it is used.
 */
function isCheckedLocal(identifier: TSESTree.Identifier, variableOf: VariableOf): boolean {
  const variable = variableOf(identifier);
  if (!variable || variable.references.some((reference) => reference.isWrite() && !reference.init)) return false;
  const holdsLocal = (test: TSESTree.Node, value: boolean) => testImpliesLocal(test, value, variable, variableOf);
  let child: TSESTree.Node = identifier;
  for (let parent: TSESTree.Node | undefined = child.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test !== child && holdsLocal(parent.test, parent.consequent === child)) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === child && parent.operator !== '??' && holdsLocal(parent.left, parent.operator === '&&')) return true;
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program: {
        // An earlier `if (…) return;` that leaves for every URL that is not local.
        const before = (parent.body as TSESTree.Node[]).slice(0, (parent.body as TSESTree.Node[]).indexOf(child));
        if (before.some((statement) => statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && alwaysLeaves(statement.consequent) && holdsLocal(statement.test, false))) return true;
        break;
      }
      default:
        break;
    }
  }
  return false;
}

/**
 * Whether `test` evaluating to `value` means the variable holds a local URL: `url.startsWith("blob:")`
 * true, `!url.startsWith("data:")` false, and `&&`, `||` of such checks.
 */
function testImpliesLocal(test: TSESTree.Node, value: boolean, variable: TSESLint.Scope.Variable, variableOf: VariableOf): boolean {
  const target = unwrap(test);
  switch (target.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return target.operator === '!' && testImpliesLocal(target.argument, !value, variable, variableOf);
    case AST_NODE_TYPES.LogicalExpression: {
      if (target.operator === '??') return false;
      const left = testImpliesLocal(target.left, value, variable, variableOf);
      const right = testImpliesLocal(target.right, value, variable, variableOf);
      // `a && b` true: both hold, one check suffices; false: either failed, both must say so. `||` the reverse.
      return (target.operator === '&&') === value ? left || right : left && right;
    }
    case AST_NODE_TYPES.CallExpression: {
      if (!value) return false;
      const callee = unwrap(target.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(callee) !== 'startsWith') return false;
      const object = unwrap(callee.object);
      const prefix = target.arguments[0] && stringLiteral(target.arguments[0]);
      return object.type === AST_NODE_TYPES.Identifier && variableOf(object) === variable && prefix !== undefined && LOCAL_SCHEME.test(prefix);
    }
    default:
      return false;
  }
}

/** A statement after which the code below it does not run: `return`, `throw`, `continue`, `break`, or a block ending in one. */
function alwaysLeaves(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.ContinueStatement:
    case AST_NODE_TYPES.BreakStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement: {
      const last = statement.body.at(-1);
      return last !== undefined && alwaysLeaves(last);
    }
    default:
      return false;
  }
}

/** `URL.<method>(…)`. */
function isUrlMethodCall(call: TSESTree.CallExpression, method: string): boolean {
  return call.callee.type === AST_NODE_TYPES.MemberExpression && isGlobalName(call.callee.object, 'URL') && staticPropertyName(call.callee) === method;
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

/**
 * A path segment naming a health or readiness endpoint (`/health`, `/api/health/ready`, `/healthz`,
 * `/readyz`, `/livez`, `/_health`, nocobase's `/api/__health_check`, `/ping`): an endpoint made to be
 * asked again and again.
 */
const HEALTH_PATH = /\/_{0,2}(?:health|healthz|health[-_]?check|ready|readyz|readiness|livez|liveness|alive|ping)(?=[/?#]|$)/i;

/** How deep to read a URL built from parts (`a + b` of `const`s that are sums themselves). */
const MAX_PART_DEPTH = 4;

/**
 * Whether a request's URL names a health or readiness endpoint in any part the code spells out:
 * `fetch("/api/health")`, `` `${base}/api/health/ready` ``, `base + "/healthz"`,
 * `new URL("/readyz", base)`, also through a `const`.
 */
export function isHealthEndpointUrl(argument: TSESTree.Node, variableOf: VariableOf): boolean {
  return urlTexts(argument, variableOf, 0).some((text) => HEALTH_PATH.test(text));
}

/** The literal text parts of a URL expression: a string, a template's parts, `a + b`'s parts, `new URL(path, base)`'s path. */
function urlTexts(node: TSESTree.Node, variableOf: VariableOf, depth: number): string[] {
  if (depth > MAX_PART_DEPTH) return [];
  const value = followConst(withoutStringConversion(unwrap(node)), variableOf);
  const literal = stringLiteral(value);
  if (literal !== undefined) return [literal];
  switch (value.type) {
    case AST_NODE_TYPES.TemplateLiteral:
      return value.quasis.map((quasi) => quasi.value.cooked ?? '');
    case AST_NODE_TYPES.BinaryExpression:
      return value.operator === '+' ? [...urlTexts(value.left, variableOf, depth + 1), ...urlTexts(value.right, variableOf, depth + 1)] : [];
    case AST_NODE_TYPES.NewExpression:
      return isGlobalName(value.callee, 'URL') && value.arguments[0] ? urlTexts(value.arguments[0], variableOf, depth + 1) : [];
    default:
      return [];
  }
}

/** The initializer of the `const` an identifier names, followed a few steps; the node itself otherwise. */
function followConst(node: TSESTree.Node, variableOf: VariableOf): TSESTree.Node {
  let current = node;
  for (let step = 0; step < MAX_CONST_STEPS && current.type === AST_NODE_TYPES.Identifier; step++) {
    const variable = variableOf(current);
    const init = variable && constInitializer(variable);
    if (!init) break;
    // `const dataUrl = await toPng(node)`: the value awaited.
    current = withoutStringConversion(awaited(init));
  }
  return current;
}

/** `await x`: the value awaited. */
function awaited(node: TSESTree.Node): TSESTree.Node {
  return node.type === AST_NODE_TYPES.AwaitExpression ? unwrap(node.argument) : node;
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
