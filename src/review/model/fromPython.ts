import { createRequire } from 'node:module';
import { Language, type Node, Parser } from 'web-tree-sitter';
import { markerComments } from './markerComments.js';
import type {
  Assignment,
  Call,
  Expr,
  FunctionUnit,
  Import,
  Loop,
  Param,
  SourceModel,
  Span,
} from './sourceModel.js';

const MAX_DEPTH = 200;

/** A Python parser: tree-sitter's WebAssembly runtime with the grammar the tree-sitter-python package ships. */
export interface PythonParser {
  parse(file: string, text: string): SourceModel;
  delete(): void;
}

/** Loads the grammar from node_modules (no download) and returns a parser; call once per review. */
export async function createPythonParser(): Promise<PythonParser> {
  const require = createRequire(import.meta.url);
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse(file, text) {
      const tree = parser.parse(text);
      if (tree === null) throw new Error(`could not parse ${file}`);
      try {
        return fromPythonTree(file, text, tree.rootNode);
      } finally {
        tree.delete();
      }
    },
    delete: () => parser.delete(),
  };
}

function spanOf(node: Node): Span {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

const field = (node: Node, name: string): Node | null => node.childForFieldName(name);
const named = (node: Node): Node[] => node.namedChildren.filter((n): n is Node => n !== null);

function dotted(node: Node | null, depth = 0): string {
  if (node === null || depth > 32) return '?';
  switch (node.type) {
    case 'identifier':
      return node.text;
    case 'attribute':
      return `${dotted(field(node, 'object'), depth + 1)}.${field(node, 'attribute')?.text ?? '?'}`;
    case 'subscript':
      return `${dotted(field(node, 'value'), depth + 1)}[]`;
    case 'call':
      return `${dotted(field(node, 'function'), depth + 1)}()`;
    case 'await':
    case 'parenthesized_expression':
      return dotted(named(node)[0] ?? null, depth + 1);
    default:
      return '?';
  }
}

/** The text of a plain string literal (no interpolation), without quotes and prefixes. */
function stringValue(node: Node): string {
  return named(node)
    .filter((c) => c.type === 'string_content')
    .map((c) => c.text)
    .join('');
}

function toCall(node: Node, depth: number): Call {
  const fn = field(node, 'function');
  const args: Expr[] = [];
  const namedArgs: Array<{ key: string; value: Expr }> = [];
  const list = field(node, 'arguments');
  for (const arg of list === null ? [] : named(list)) {
    if (arg.type === 'keyword_argument') {
      const value = field(arg, 'value');
      namedArgs.push({
        key: field(arg, 'name')?.text ?? '?',
        value: value === null ? other(arg, []) : toExpr(value, depth + 1),
      });
    } else if (arg.type !== 'comment') args.push(toExpr(arg, depth + 1));
  }
  return { callee: dotted(fn), args, named: namedArgs, isNew: false, span: spanOf(node) };
}

const other = (node: Node, children: Expr[]): Expr => ({ kind: 'other', children, span: spanOf(node) });

function toExpr(node: Node, depth = 0): Expr {
  if (depth > MAX_DEPTH) return other(node, []);
  switch (node.type) {
    case 'identifier':
      return { kind: 'name', name: node.text, span: spanOf(node) };
    case 'attribute':
      return {
        kind: 'member',
        path: dotted(node),
        object: toExpr(field(node, 'object') as Node, depth + 1),
        span: spanOf(node),
      };
    case 'subscript': {
      const value = field(node, 'value') as Node;
      const member: Expr = {
        kind: 'member',
        path: dotted(node),
        object: toExpr(value, depth + 1),
        span: spanOf(node),
      };
      const index = named(node)
        .filter((c) => c.id !== value.id)
        .map((c) => toExpr(c, depth + 1));
      return index.length === 0 ? member : other(node, [member, ...index]);
    }
    case 'call': {
      const fn = field(node, 'function');
      // "...{}".format(x) is interpolation of its arguments into the string.
      if (fn?.type === 'attribute' && field(fn, 'attribute')?.text === 'format') {
        const object = field(fn, 'object');
        if (object?.type === 'string') {
          const call = toCall(node, depth);
          return {
            kind: 'interpolation',
            parts: [toExpr(object, depth + 1), ...call.args, ...call.named.map((n) => n.value)],
            span: spanOf(node),
          };
        }
      }
      return { kind: 'call', call: toCall(node, depth) };
    }
    case 'string': {
      const interpolations = named(node).filter((c) => c.type === 'interpolation');
      if (interpolations.length === 0)
        return { kind: 'string', value: stringValue(node), span: spanOf(node) };
      const parts: Expr[] = [{ kind: 'string', value: stringValue(node), span: spanOf(node) }];
      for (const i of interpolations) {
        const expression = field(i, 'expression');
        if (expression !== null) parts.push(toExpr(expression, depth + 1));
      }
      return { kind: 'interpolation', parts, span: spanOf(node) };
    }
    case 'concatenated_string':
      return {
        kind: 'interpolation',
        parts: named(node).map((c) => toExpr(c, depth + 1)),
        span: spanOf(node),
      };
    case 'integer':
    case 'float':
      return { kind: 'number', value: Number(node.text.replace(/_/g, '')), span: spanOf(node) };
    case 'binary_operator': {
      const left = toExpr(field(node, 'left') as Node, depth + 1);
      const right = toExpr(field(node, 'right') as Node, depth + 1);
      const op = field(node, 'operator')?.text;
      const stringish = (e: Expr) => e.kind === 'string' || e.kind === 'interpolation';
      if ((op === '+' && (stringish(left) || stringish(right))) || (op === '%' && stringish(left))) {
        const flat = (e: Expr): Expr[] => (e.kind === 'interpolation' ? [...e.parts] : [e]);
        return { kind: 'interpolation', parts: [...flat(left), ...flat(right)], span: spanOf(node) };
      }
      return other(node, [left, right]);
    }
    case 'dictionary': {
      const props: Array<{ key: string; value: Expr }> = [];
      const spread: Expr[] = [];
      for (const c of named(node)) {
        if (c.type === 'pair') {
          const key = field(c, 'key');
          const value = field(c, 'value');
          if (value === null) continue;
          props.push({
            key: key?.type === 'string' ? stringValue(key) : (key?.text ?? '?'),
            value: toExpr(value, depth + 1),
          });
        } else if (c.type === 'dictionary_splat') spread.push(...named(c).map((x) => toExpr(x, depth + 1)));
      }
      return { kind: 'object', props, spread, span: spanOf(node) };
    }
    case 'list':
    case 'tuple':
    case 'set':
      return { kind: 'array', items: named(node).map((c) => toExpr(c, depth + 1)), span: spanOf(node) };
    case 'parenthesized_expression':
    case 'await':
    case 'list_splat':
    case 'dictionary_splat':
    case 'expression_statement': {
      const inner = named(node)[0];
      return inner === undefined ? other(node, []) : toExpr(inner, depth + 1);
    }
    case 'lambda':
      return { kind: 'function', fn: toFunction(node, '<lambda>', []) };
    default:
      return other(
        node,
        named(node)
          .filter((c) => c.type !== 'comment')
          .map((c) => toExpr(c, depth + 1)),
      );
  }
}

function targetsOf(node: Node): string[] {
  if (node.type === 'pattern_list' || node.type === 'tuple_pattern' || node.type === 'list_pattern')
    return named(node).flatMap(targetsOf);
  return [dotted(node)];
}

const FUNCTION_TYPES = new Set(['function_definition', 'lambda', 'class_definition']);

function collect(
  body: Node,
  into: { assignments: Assignment[]; calls: Call[]; loops: Loop[]; returns: Expr[] },
): void {
  const visit = (node: Node, depth: number): void => {
    if (depth > MAX_DEPTH || FUNCTION_TYPES.has(node.type) || node.type === 'decorated_definition') return;
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (left !== null && right !== null) {
        const value = toExpr(right);
        for (const target of targetsOf(left))
          into.assignments.push({
            target,
            value,
            augmented: node.type === 'augmented_assignment',
            span: spanOf(node),
          });
      }
    } else if (node.type === 'call') {
      const call = toCall(node, 0);
      into.calls.push(call);
      const method = call.callee.slice(call.callee.lastIndexOf('.') + 1);
      if (
        ['append', 'extend', 'insert', 'update', 'add', 'setdefault'].includes(method) &&
        call.callee.includes('.')
      ) {
        into.assignments.push({
          target: call.callee.slice(0, call.callee.lastIndexOf('.')),
          value: { kind: 'array', items: call.args, span: call.span },
          augmented: true,
          span: call.span,
        });
      }
    } else if (node.type === 'return_statement') {
      const value = named(node)[0];
      if (value !== undefined) into.returns.push(toExpr(value));
    }
    if (node.type === 'for_statement') {
      // for x in xs: x takes its values from xs (taint and configuration flow through iteration).
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (left !== null && right !== null) {
        const value = toExpr(right);
        for (const target of targetsOf(left))
          into.assignments.push({ target, value, augmented: false, span: spanOf(node) });
      }
    }
    if (node.type === 'while_statement' || node.type === 'for_statement') {
      const condition = field(node, 'condition');
      const inner = {
        assignments: [] as Assignment[],
        calls: [] as Call[],
        loops: [] as Loop[],
        returns: [] as Expr[],
      };
      const loopBody = field(node, 'body');
      if (loopBody !== null) collect(loopBody, inner);
      into.loops.push({
        kind: node.type === 'while_statement' ? 'while' : 'for',
        unconditional:
          node.type === 'while_statement' && (condition?.type === 'true' || condition?.text === '1'),
        hasBreak: loopBody !== null && exits(loopBody, false),
        calls: inner.calls,
        span: spanOf(node),
      });
    }
    for (const child of named(node)) visit(child, depth + 1);
  };
  visit(body, 0);
}

function exits(node: Node, nested: boolean): boolean {
  if (FUNCTION_TYPES.has(node.type)) return false;
  if (node.type === 'return_statement' || node.type === 'raise_statement') return true;
  if (node.type === 'break_statement' && !nested) return true;
  const loop = node.type === 'while_statement' || node.type === 'for_statement';
  return named(node).some((c) => exits(c, nested || loop));
}

function toParams(parameters: Node | null): Param[] {
  if (parameters === null) return [];
  const out: Param[] = [];
  for (const p of named(parameters)) {
    const typeNode = field(p, 'type');
    const nameNode =
      p.type === 'identifier'
        ? p
        : (field(p, 'name') ?? named(p).find((c) => c.type === 'identifier') ?? null);
    if (nameNode === null) continue;
    out.push({ name: nameNode.text, type: typeNode?.text, span: spanOf(p) });
  }
  return out;
}

function docstring(body: Node | null): string | undefined {
  const first = body === null ? undefined : named(body)[0];
  const expression = first?.type === 'expression_statement' ? named(first)[0] : undefined;
  return expression?.type === 'string' ? stringValue(expression) : undefined;
}

function toFunction(node: Node, name: string, decorators: Call[]): FunctionUnit {
  const into = {
    assignments: [] as Assignment[],
    calls: [] as Call[],
    loops: [] as Loop[],
    returns: [] as Expr[],
  };
  const body = field(node, 'body');
  if (body !== null) {
    if (node.type === 'lambda') into.returns.push(toExpr(body));
    collect(body, into);
  }
  return {
    name,
    params: toParams(field(node, 'parameters')),
    decorators,
    doc: node.type === 'function_definition' ? docstring(body) : undefined,
    ...into,
    span: spanOf(node),
  };
}

function decoratorCall(node: Node): Call {
  const inner = named(node)[0];
  if (inner?.type === 'call') return toCall(inner, 0);
  return { callee: dotted(inner ?? null), args: [], named: [], isNew: false, span: spanOf(node) };
}

/** Builds the rules' model from a tree-sitter Python syntax tree. */
export function fromPythonTree(file: string, text: string, root: Node): SourceModel {
  const functions: FunctionUnit[] = [];
  const imports: Import[] = [];
  const top = {
    assignments: [] as Assignment[],
    calls: [] as Call[],
    loops: [] as Loop[],
    returns: [] as Expr[],
  };
  collect(root, top);
  functions.push({
    name: '<module>',
    params: [],
    decorators: [],
    doc: docstring(root),
    ...top,
    span: spanOf(root),
  });
  const visit = (node: Node, depth: number, decorators: Call[]): void => {
    if (depth > MAX_DEPTH) return;
    if (node.type === 'decorated_definition') {
      const decs = named(node)
        .filter((c) => c.type === 'decorator')
        .map(decoratorCall);
      const definition = field(node, 'definition');
      if (definition !== null) visit(definition, depth + 1, decs);
      return;
    }
    if (node.type === 'function_definition')
      functions.push(toFunction(node, field(node, 'name')?.text ?? '?', decorators));
    if (node.type === 'lambda') functions.push(toFunction(node, '<lambda>', []));
    if (node.type === 'import_statement') {
      for (const n of named(node)) {
        const module = n.type === 'aliased_import' ? field(n, 'name')?.text : n.text;
        imports.push({ module, names: [], dynamic: false, span: spanOf(node) });
      }
    } else if (node.type === 'import_from_statement') {
      const module = field(node, 'module_name')?.text;
      const names = named(node)
        .filter((n) => n.id !== field(node, 'module_name')?.id)
        .map((n) => (n.type === 'aliased_import' ? (field(n, 'name')?.text ?? '?') : n.text));
      imports.push({ module, names, dynamic: false, span: spanOf(node) });
    } else if (node.type === 'call') {
      const callee = dotted(field(node, 'function'));
      if (callee === 'importlib.import_module' || callee === '__import__' || callee === 'import_module') {
        const arg = named(field(node, 'arguments') ?? node)[0];
        const literal = arg?.type === 'string' && !named(arg).some((c) => c.type === 'interpolation');
        imports.push({
          module: literal && arg ? stringValue(arg) : undefined,
          names: [],
          dynamic: true,
          span: spanOf(node),
        });
      }
    }
    for (const child of named(node)) visit(child, depth + 1, []);
  };
  visit(root, 0, []);
  const lines = text.split(/\r?\n/);
  return { file, language: 'python', lines, imports, functions, comments: markerComments(lines) };
}
