import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { contains, staticPropertyName, unwrap, walk } from '../util/ast';
import type { ScopeOf } from './resolve';
import { constInitializer } from './const-binding';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * What a class does to one of its instance fields (`this.client`) in the file: the writes that set
 * it, and the assignments made below it (`this.client.defaults.timeout = 5000`).
 */
export interface FieldFacts {
  /** Values assigned to the field itself (`client = v`, `this.client = v`); null for a write the file does not show (a TS parameter property, `+=`, destructuring). */
  readonly values: readonly (TSESTree.Expression | null)[];
  /** Assignments to a member chain below the field (`this.client.defaults.timeout = …`). */
  readonly memberWrites: readonly TSESTree.AssignmentExpression[];
  /** Calls of the member as a method (`this.getBlob(cid)`). */
  readonly calls: readonly TSESTree.CallExpression[];
  /** Whether the class also uses `this.<name>` some other way: reads it as a value (`this.getBlob.bind(this)`, `retry(this.load)`) or writes it. */
  readonly usedOtherwise: boolean;
}

const NOTHING: FieldFacts = { values: [], memberWrites: [], calls: [], usedOtherwise: false };

/** Per class, its fields' facts (built on first use, one walk of the class). */
const cache = new WeakMap<ClassNode, Map<string, FieldFacts>>();

/**
 * The value an instance field holds, when the class sets it exactly once in the file: a field
 * initializer (`private client = axios.create(…)`) or one `this.client = …` in its constructor or
 * methods. Undefined when `member` is not `this.<name>` inside a class's instance code, when the field
 * is set more than once or in a way the file does not show (a constructor parameter property), or when
 * another class in the file extends this one (it may set the field its own way).
 */
export function thisFieldValue(member: TSESTree.MemberExpression, file: { readonly text: string }, scopeOf: ScopeOf): TSESTree.Expression | undefined {
  const found = thisField(member);
  return found && fieldValue(found.owner, found.name, file, scopeOf);
}

/** What the class `owner` sets its field `name` to, when it does so exactly once (see `thisFieldValue`). */
function fieldValue(owner: ClassNode, name: string, file: { readonly text: string }, scopeOf: ScopeOf): TSESTree.Expression | undefined {
  // Most `this.x` in a class are methods and fields never assigned with `=`: their text says so, and
  // finding a field's writes otherwise walks the whole class.
  if (!mayBeAssigned(file.text, owner, name) || isExtendedInFile(owner, scopeOf)) return undefined;
  const facts = fieldsOf(owner).get(name) ?? NOTHING;
  const [value, ...others] = facts.values;
  return value && others.length === 0 ? value : undefined;
}

/** The variable a name refers to in the file, if declared there. */
export type VariableOf = (identifier: TSESTree.Identifier) => TSESLint.Scope.Variable | undefined;

/**
 * The value of `<instance>.<name>` (`api.client`) where `<instance>` is a `const` set to `new C(…)`
 * of a class C the file declares: the field's one value inside C, as for `this.<name>`. Only when
 * nothing outside C can be seen to change it either: every use of the const reads a member of it,
 * none writes `<instance>.<name>` or below it (`api.client.defaults.timeout = …`, which the rules
 * would have to weigh), and the instance is never handed to other code (which could). Else undefined.
 */
export function instanceFieldValue(
  member: TSESTree.MemberExpression,
  variableOf: VariableOf,
  file: { readonly text: string },
  scopeOf: ScopeOf,
): TSESTree.Expression | undefined {
  const object = unwrap(member.object);
  const name = staticPropertyName(member);
  if (object.type !== AST_NODE_TYPES.Identifier || name === undefined) return undefined;
  const instance = variableOf(object);
  // One step, not the resolver's `constValue`: through `const b = a`, `onlyReadsMembers` would miss the uses of `a`.
  const created = instance ? constInitializer(instance) : undefined;
  if (!instance || created?.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const constructor = unwrap(created.callee);
  const owner = constructor.type === AST_NODE_TYPES.Identifier ? declaredClass(variableOf(constructor)) : undefined;
  if (!owner || isExported(instance) || !onlyReadsMembers(instance, name)) return undefined;
  return fieldValue(owner, name, file, scopeOf);
}

/** `export const api = …`: other modules can set up the instance (`api.client.defaults.timeout = …`). */
function isExported(variable: TSESLint.Scope.Variable): boolean {
  return variable.defs[0]?.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
}

/** The class a name is bound to in the file: `class Api {}`, or `const Api = class {}`. */
function declaredClass(variable: TSESLint.Scope.Variable | undefined): ClassNode | undefined {
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type === 'ClassName') return def.node as ClassNode;
  const value = variable && constInitializer(variable);
  return value?.type === AST_NODE_TYPES.ClassDeclaration || value?.type === AST_NODE_TYPES.ClassExpression ? value : undefined;
}

/**
 * Whether every use of `instance` besides its declaration reads a member of it (`api.load()`,
 * `api.client.get()`), without writing `<instance>.<field>` or anything below it, or a member whose
 * name the file does not show (`api[key] = …`). Any other use (`configure(api)`, `export { api }`)
 * hands the instance to code the file does not show.
 */
function onlyReadsMembers(instance: TSESLint.Scope.Variable, field: string): boolean {
  for (const reference of instance.references) {
    if (reference.init) continue;
    const use = reference.identifier.parent;
    if (use?.type !== AST_NODE_TYPES.MemberExpression || use.object !== reference.identifier) return false;
    const name = staticPropertyName(use);
    if (name === undefined) return false;
    if (name === field && (writeOf(use) !== undefined || assignmentBelow(use))) return false;
  }
  return true;
}

/** The class and field name of `this.<name>` in instance code, else undefined. */
function thisField(member: TSESTree.MemberExpression): { owner: ClassNode; name: string } | undefined {
  if (unwrap(member.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = staticPropertyName(member);
  const owner = instanceClassOf(member);
  return name === undefined || !owner ? undefined : { owner, name };
}

/** Per class, the names its text shows before an `=`, `:`, `?` or `!` (see `mayBeAssigned`). */
const assignableCache = new WeakMap<ClassNode, Set<string>>();

/**
 * Whether the class's text has `name` right before `=` (`this.client = …`, `client = …`,
 * `this['client'] = …`, also with a comment between) or before a type annotation (`client: Client = …`, `client?:`, `client!:`).
 * A field whose only value the file can show comes from such a write, so one the text lacks has none
 * (the rules then stay silent, as for any field they cannot follow). One scan of the class's text
 * finds every such name; it also finds names before `==`, `=>` or `a ? b : c`, which only costs a walk.
 */
function mayBeAssigned(text: string, owner: ClassNode, name: string): boolean {
  let names = assignableCache.get(owner);
  if (!names) assignableCache.set(owner, (names = namesBeforeWriteMarks(text, owner.range[0], owner.range[1])));
  return names.has(name);
}

function namesBeforeWriteMarks(text: string, start: number, end: number): Set<string> {
  const names = new Set<string>();
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code !== EQUALS && code !== COLON && code !== QUESTION && code !== BANG) continue;
    // Back over spaces, comments (`client /* shared */ =`, `client // shared` with `=` on the next
    // line) and the end of a quoted or computed key (`['client'] =`), then over the name.
    let last = at - 1;
    for (;;) {
      let crossedLine = false;
      for (let skipped; last >= start && SKIPPED_BEFORE_MARK.has((skipped = text.charCodeAt(last))); last--) crossedLine ||= skipped === NEWLINE;
      if (last > start && text.charCodeAt(last) === SLASH && text.charCodeAt(last - 1) === STAR) {
        const opening = text.lastIndexOf('/*', last - 2);
        if (opening < start) break;
        last = opening - 1;
        continue;
      }
      // A `//` on that line may sit in a string (`'http://…'`): then a wrong name is added, which only costs a walk.
      const lineComment = crossedLine ? text.indexOf('//', Math.max(start, text.lastIndexOf('\n', last) + 1)) : -1;
      if (lineComment === -1 || lineComment >= last) break;
      last = lineComment - 1;
    }
    let first = last;
    while (first >= start && isNameChar(text.charCodeAt(first))) first--;
    if (first < last) names.add(text.slice(first + 1, last + 1));
  }
  return names;
}

const EQUALS = 0x3d;
const NEWLINE = 0x0a;
const SLASH = 0x2f;
const STAR = 0x2a;
const COLON = 0x3a;
const QUESTION = 0x3f;
const BANG = 0x21;
/** Spaces, quotes and `]`. */
const SKIPPED_BEFORE_MARK = new Set([0x20, 0x09, 0x0a, 0x0d, 0x27, 0x22, 0x60, 0x5d]);

/** ASCII letters, digits, `_` and `$`, and any non-ASCII character (which may be part of a name). */
function isNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x24 || code >= 0x80;
}

/** Every field of a class that the file shows facts about, by name. */
export function fieldsOf(owner: ClassNode): ReadonlyMap<string, FieldFacts> {
  let fields = cache.get(owner);
  if (!fields) {
    fields = collectFields(owner);
    cache.set(owner, fields);
  }
  return fields;
}

/**
 * The class whose instance `this` is at `node`: arrow functions keep the `this` around them; a
 * method, constructor, accessor or field initializer of a class binds it to an instance (static ones
 * to the class itself, which is not an instance); any other function binds its own.
 */
export function instanceClassOf(node: TSESTree.Node): ClassNode | undefined {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression:
        continue;
      case AST_NODE_TYPES.FunctionExpression: {
        const method = current.parent;
        if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.static) return undefined;
        return method.parent.parent;
      }
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.StaticBlock:
        return undefined;
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.AccessorProperty:
        if (current.static || !current.value || !contains(current.value, node)) return undefined;
        return current.parent.parent;
      default:
        continue;
    }
  }
  return undefined;
}

/** Whether some class in the file extends this one (`class Sub extends Owner`), by its binding. */
export function isExtendedInFile(owner: ClassNode, scopeOf: ScopeOf): boolean {
  const binding = classBinding(owner);
  if (!binding) return false;
  // The class's own scope holds its inner name binding; the one around it holds the outer.
  const classScope = scopeOf(owner);
  for (const scope of [classScope, classScope.upper]) {
    const variable = scope?.set.get(binding);
    if (variable?.references.some((reference) => isSuperClass(reference.identifier as TSESTree.Node))) return true;
  }
  return false;
}

/** The name a class is bound to: its own (`class A {}`) or its variable's (`const A = class {}`). */
function classBinding(owner: ClassNode): string | undefined {
  if (owner.id) return owner.id.name;
  const parent = owner.parent;
  return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : undefined;
}

/** Whether `node` is what a class extends (`extends Base`, also `extends (Base as any)`). */
function isSuperClass(node: TSESTree.Node): boolean {
  let current = node;
  while (current.parent && current.parent.type !== AST_NODE_TYPES.ClassDeclaration && current.parent.type !== AST_NODE_TYPES.ClassExpression && unwrap(current.parent) === node) {
    current = current.parent;
  }
  const parent = current.parent;
  return (parent?.type === AST_NODE_TYPES.ClassDeclaration || parent?.type === AST_NODE_TYPES.ClassExpression) && parent.superClass === current;
}

function collectFields(owner: ClassNode): Map<string, FieldFacts> {
  const fields = new Map<string, { values: (TSESTree.Expression | null)[]; memberWrites: TSESTree.AssignmentExpression[]; calls: TSESTree.CallExpression[]; usedOtherwise: boolean }>();
  const facts = (name: string) => {
    let entry = fields.get(name);
    if (!entry) fields.set(name, (entry = { values: [], memberWrites: [], calls: [], usedOtherwise: false }));
    return entry;
  };
  for (const element of owner.body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static) {
      const name = staticPropertyName(element);
      if (name !== undefined && element.value) facts(name).values.push(element.value);
    }
    // `constructor(private client: AxiosInstance)`: set from an argument the file does not show.
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type === AST_NODE_TYPES.TSParameterProperty) {
          const binding = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
          if (binding.type === AST_NODE_TYPES.Identifier) facts(binding.name).values.push(null);
        }
      }
    }
  }
  // Writes through `this` anywhere in the class's own instance code (nested classes have their own).
  walk(owner.body, (node) => {
    if ((node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression)) return 'skip';
    if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const found = unwrap(node.object).type === AST_NODE_TYPES.ThisExpression ? staticPropertyName(node) : undefined;
    if (found === undefined || instanceClassOf(node) !== owner) return undefined;
    const write = writeOf(node);
    const entry = facts(found);
    if (write === 'field') {
      const assignment = node.parent as TSESTree.AssignmentExpression;
      entry.values.push(assignment.operator === '=' ? assignment.right : null);
      entry.usedOtherwise = true;
    } else if (write === 'unknown') {
      entry.values.push(null);
      entry.usedOtherwise = true;
    } else if (node.parent?.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node) {
      entry.calls.push(node.parent);
    } else {
      const below = assignmentBelow(node);
      if (below) entry.memberWrites.push(below);
      entry.usedOtherwise = true;
    }
    return undefined;
  });
  return fields;
}

/** Whether `this.<name>` is written here: assigned (`=`, `+=`…), or written some other way (`++`, destructuring, `delete`). */
function writeOf(member: TSESTree.MemberExpression): 'field' | 'unknown' | undefined {
  const parent = member.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.left === member ? 'field' : undefined;
    case AST_NODE_TYPES.UpdateExpression:
      return 'unknown';
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === 'delete' ? 'unknown' : undefined;
    case AST_NODE_TYPES.ArrayPattern:
    case AST_NODE_TYPES.RestElement:
    case AST_NODE_TYPES.AssignmentPattern:
      return 'unknown';
    case AST_NODE_TYPES.Property:
      return parent.value === member && parent.parent.type === AST_NODE_TYPES.ObjectPattern ? 'unknown' : undefined;
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
      return parent.left === member ? 'unknown' : undefined;
    default:
      return undefined;
  }
}

/** The assignment whose target is a static member chain below `member` (`member.defaults.timeout = …`). */
function assignmentBelow(member: TSESTree.MemberExpression): TSESTree.AssignmentExpression | undefined {
  let current: TSESTree.Node = member;
  while (current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current) current = current.parent;
  const parent = current.parent;
  return current !== member && parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === current ? parent : undefined;
}
