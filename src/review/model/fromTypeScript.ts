import ts from 'typescript';
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

function scriptKind(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(js|mjs|cjs)$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

interface Builder {
  readonly sf: ts.SourceFile;
}

function spanOf(b: Builder, node: ts.Node): Span {
  const start = b.sf.getLineAndCharacterOfPosition(node.getStart(b.sf));
  const end = b.sf.getLineAndCharacterOfPosition(node.getEnd());
  return {
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

/** `a.b.c`, `this.x`, `a[].b`, `f().g` as text; `?` for anything else. */
function dotted(node: ts.Node, depth = 0): string {
  if (depth > 32) return '?';
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (node.kind === ts.SyntaxKind.SuperKeyword) return 'super';
  if (ts.isPropertyAccessExpression(node)) return `${dotted(node.expression, depth + 1)}.${node.name.text}`;
  if (ts.isElementAccessExpression(node)) return `${dotted(node.expression, depth + 1)}[]`;
  if (ts.isCallExpression(node)) return `${dotted(node.expression, depth + 1)}()`;
  if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAwaitExpression(node))
    return dotted(node.expression, depth + 1);
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return dotted(node.expression, depth + 1);
  return '?';
}

function propertyKey(name: ts.PropertyName): string {
  if (
    ts.isIdentifier(name) ||
    ts.isStringLiteral(name) ||
    ts.isNumericLiteral(name) ||
    ts.isPrivateIdentifier(name)
  )
    return name.text;
  return '?';
}

function isStringish(e: Expr): boolean {
  return e.kind === 'string' || e.kind === 'interpolation';
}

function toCall(b: Builder, node: ts.CallExpression | ts.NewExpression, depth: number): Call {
  const args = (node.arguments ?? []).map((a) => toExpr(b, a, depth + 1));
  const callee = node.expression.kind === ts.SyntaxKind.ImportKeyword ? 'import' : dotted(node.expression);
  return { callee, args, named: [], isNew: ts.isNewExpression(node), span: spanOf(b, node) };
}

function toExpr(b: Builder, node: ts.Node, depth = 0): Expr {
  const span = () => spanOf(b, node);
  if (depth > MAX_DEPTH) return { kind: 'other', children: [], span: span() };
  if (ts.isIdentifier(node)) return { kind: 'name', name: node.text, span: span() };
  if (
    ts.isParenthesizedExpression(node) ||
    ts.isAwaitExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isTypeAssertionExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isSpreadElement(node)
  )
    return toExpr(b, node.expression, depth + 1);
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const object = toExpr(b, node.expression, depth + 1);
    const children = ts.isElementAccessExpression(node)
      ? [toExpr(b, node.argumentExpression, depth + 1)]
      : [];
    const member: Expr = { kind: 'member', path: dotted(node), object, span: span() };
    return children.length === 0 ? member : { kind: 'other', children: [member, ...children], span: span() };
  }
  if (ts.isCallExpression(node) || ts.isNewExpression(node))
    return { kind: 'call', call: toCall(b, node, depth) };
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return { kind: 'string', value: node.text, span: span() };
  if (ts.isNumericLiteral(node)) return { kind: 'number', value: Number(node.text), span: span() };
  if (ts.isTemplateExpression(node)) {
    const parts: Expr[] = [{ kind: 'string', value: node.head.text, span: spanOf(b, node.head) }];
    for (const s of node.templateSpans) {
      parts.push(toExpr(b, s.expression, depth + 1));
      parts.push({ kind: 'string', value: s.literal.text, span: spanOf(b, s.literal) });
    }
    return { kind: 'interpolation', parts, span: span() };
  }
  if (ts.isTaggedTemplateExpression(node)) {
    return {
      kind: 'other',
      children: [toExpr(b, node.tag, depth + 1), toExpr(b, node.template, depth + 1)],
      span: span(),
    };
  }
  if (ts.isBinaryExpression(node)) {
    const left = toExpr(b, node.left, depth + 1);
    const right = toExpr(b, node.right, depth + 1);
    if (node.operatorToken.kind === ts.SyntaxKind.PlusToken && (isStringish(left) || isStringish(right))) {
      const flat = (e: Expr): Expr[] => (e.kind === 'interpolation' ? [...e.parts] : [e]);
      return { kind: 'interpolation', parts: [...flat(left), ...flat(right)], span: span() };
    }
    return { kind: 'other', children: [left, right], span: span() };
  }
  if (ts.isObjectLiteralExpression(node)) {
    const props: Array<{ key: string; value: Expr }> = [];
    const spread: Expr[] = [];
    for (const p of node.properties) {
      if (ts.isPropertyAssignment(p))
        props.push({ key: propertyKey(p.name), value: toExpr(b, p.initializer, depth + 1) });
      else if (ts.isShorthandPropertyAssignment(p))
        props.push({ key: p.name.text, value: { kind: 'name', name: p.name.text, span: spanOf(b, p) } });
      else if (ts.isSpreadAssignment(p)) spread.push(toExpr(b, p.expression, depth + 1));
      else if (ts.isMethodDeclaration(p) && p.body !== undefined)
        props.push({
          key: propertyKey(p.name),
          value: { kind: 'function', fn: toFunction(b, p, propertyKey(p.name)) },
        });
    }
    return { kind: 'object', props, spread, span: span() };
  }
  if (ts.isArrayLiteralExpression(node))
    return { kind: 'array', items: node.elements.map((e) => toExpr(b, e, depth + 1)), span: span() };
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node))
    return { kind: 'function', fn: toFunction(b, node, node.name?.text ?? '<anonymous>') };
  const children: Expr[] = [];
  node.forEachChild((child) => {
    if (ts.isExpression(child)) children.push(toExpr(b, child, depth + 1));
  });
  return { kind: 'other', children, span: span() };
}

type FunctionNode =
  | ts.FunctionDeclaration
  | ts.MethodDeclaration
  | ts.ArrowFunction
  | ts.FunctionExpression
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

function isFunctionNode(node: ts.Node): node is FunctionNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const element of name.elements)
    if (!ts.isOmittedExpression(element)) out.push(...bindingNames(element.name));
  return out;
}

/** Everything a function body says, not descending into nested functions (they are units of their own). */
function collect(
  b: Builder,
  body: ts.Node,
  into: { assignments: Assignment[]; calls: Call[]; loops: Loop[]; returns: Expr[] },
) {
  const visit = (node: ts.Node, depth: number): void => {
    if (depth > MAX_DEPTH || isFunctionNode(node) || ts.isClassDeclaration(node)) return;
    if (ts.isVariableDeclaration(node) && node.initializer !== undefined) {
      const value = toExpr(b, node.initializer);
      for (const target of bindingNames(node.name))
        into.assignments.push({ target, value, augmented: false, span: spanOf(b, node) });
    } else if (
      ts.isBinaryExpression(node) &&
      (node.operatorToken.kind === ts.SyntaxKind.EqualsToken ||
        node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)
    ) {
      into.assignments.push({
        target: dotted(node.left),
        value: toExpr(b, node.right),
        augmented: node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken,
        span: spanOf(b, node),
      });
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const call = toCall(b, node, 0);
      into.calls.push(call);
      const method = call.callee.slice(call.callee.lastIndexOf('.') + 1);
      if (
        !call.isNew &&
        ['push', 'unshift', 'set', 'add', 'splice'].includes(method) &&
        call.callee.includes('.')
      ) {
        into.assignments.push({
          target: call.callee.slice(0, call.callee.lastIndexOf('.')),
          value: { kind: 'array', items: call.args, span: call.span },
          augmented: true,
          span: call.span,
        });
      }
    } else if (ts.isReturnStatement(node) && node.expression !== undefined) {
      into.returns.push(toExpr(b, node.expression));
    }
    if (ts.isWhileStatement(node) || ts.isDoStatement(node) || ts.isForStatement(node)) {
      const condition = ts.isForStatement(node) ? node.condition : node.expression;
      const unconditional = condition === undefined || condition.kind === ts.SyntaxKind.TrueKeyword;
      const inner = {
        assignments: [] as Assignment[],
        calls: [] as Call[],
        loops: [] as Loop[],
        returns: [] as Expr[],
      };
      collect(b, node.statement, inner);
      into.loops.push({
        kind: ts.isWhileStatement(node) ? 'while' : ts.isDoStatement(node) ? 'do' : 'for',
        unconditional,
        hasBreak: exits(node.statement),
        calls: inner.calls,
        span: spanOf(b, node),
      });
    } else if (ts.isForOfStatement(node) || ts.isForInStatement(node)) {
      // for (const x of xs): x takes its values from xs.
      const init = node.initializer;
      const names = ts.isVariableDeclarationList(init)
        ? init.declarations.flatMap((d) => bindingNames(d.name))
        : [dotted(init)];
      const value = toExpr(b, node.expression);
      for (const target of names)
        into.assignments.push({ target, value, augmented: false, span: spanOf(b, node) });
      into.loops.push({
        kind: 'for',
        unconditional: false,
        hasBreak: exits(node.statement),
        calls: [],
        span: spanOf(b, node),
      });
    }
    node.forEachChild((child) => visit(child, depth + 1));
  };
  visit(body, 0);
}

/** Whether a loop body can leave the loop: break, return or throw outside nested loops and functions. */
function exits(body: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node, nested: boolean): void => {
    if (found || isFunctionNode(node)) return;
    if (ts.isReturnStatement(node) || ts.isThrowStatement(node)) found = true;
    else if (ts.isBreakStatement(node) && (!nested || node.label !== undefined)) found = true;
    const loop = ts.isIterationStatement(node, false) || ts.isSwitchStatement(node);
    node.forEachChild((child) => visit(child, nested || loop));
  };
  visit(body, false);
  return found;
}

function toParams(b: Builder, node: FunctionNode): Param[] {
  return node.parameters.flatMap((p) =>
    bindingNames(p.name).map((name) => ({ name, type: p.type?.getText(b.sf), span: spanOf(b, p) })),
  );
}

function toFunction(b: Builder, node: FunctionNode, name: string): FunctionUnit {
  const into = {
    assignments: [] as Assignment[],
    calls: [] as Call[],
    loops: [] as Loop[],
    returns: [] as Expr[],
  };
  if (node.body !== undefined) {
    if (ts.isBlock(node.body)) collect(b, node.body, into);
    else {
      into.returns.push(toExpr(b, node.body));
      collect(b, node.body, into);
    }
  }
  const jsDoc = (node as { jsDoc?: Array<{ comment?: unknown }> }).jsDoc;
  const doc = jsDoc?.map((d) => (typeof d.comment === 'string' ? d.comment : '')).join('\n');
  return { name, params: toParams(b, node), decorators: [], doc, ...into, span: spanOf(b, node) };
}

function functionName(node: FunctionNode): string {
  if (
    (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node)) &&
    node.name
  )
    return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent !== undefined && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name))
    return parent.name.text;
  if (parent !== undefined && ts.isPropertyAssignment(parent)) return propertyKey(parent.name);
  return '<anonymous>';
}

/** Parses TypeScript or JavaScript with the TypeScript compiler (syntax only) into the rules' model. */
export function fromTypeScript(file: string, text: string): SourceModel {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  const b: Builder = { sf };
  const functions: FunctionUnit[] = [];
  const imports: Import[] = [];
  const top = {
    assignments: [] as Assignment[],
    calls: [] as Call[],
    loops: [] as Loop[],
    returns: [] as Expr[],
  };
  collect(b, sf, top);
  functions.push({
    name: '<module>',
    params: [],
    decorators: [],
    doc: undefined,
    ...top,
    span: spanOf(b, sf),
  });
  const visit = (node: ts.Node, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (isFunctionNode(node)) functions.push(toFunction(b, node, functionName(node)));
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const names: string[] = [];
      const clause = node.importClause;
      if (clause?.name) names.push(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.push(e.name.text);
      if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
      imports.push({ module: node.moduleSpecifier.text, names, dynamic: false, span: spanOf(b, node) });
    }
    if (ts.isCallExpression(node)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isImport || isRequire) {
        const arg = node.arguments[0];
        const literal =
          arg !== undefined && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg));
        imports.push({
          module: literal ? (arg as ts.StringLiteral).text : undefined,
          names: [],
          dynamic: isImport || !literal,
          span: spanOf(b, node),
        });
      }
    }
    node.forEachChild((child) => visit(child, depth + 1));
  };
  visit(sf, 0);
  const lines = text.split(/\r?\n/);
  return { file, language: 'typescript', lines, imports, functions, comments: markerComments(lines) };
}
