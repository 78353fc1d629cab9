import type { SourceLanguage } from '../types.js';

/** A span in a file: 1-based lines and columns. */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * An expression, reduced to what the rules reason about: names, member paths, calls, string
 * literals, interpolation (template literals, f-strings, concatenation, `%` and `.format`),
 * objects and arrays. Anything else keeps its children, so data still flows through it.
 */
export type Expr =
  | { readonly kind: 'name'; readonly name: string; readonly span: Span }
  | { readonly kind: 'member'; readonly path: string; readonly object: Expr; readonly span: Span }
  | { readonly kind: 'call'; readonly call: Call }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'number'; readonly value: number; readonly span: Span }
  | { readonly kind: 'interpolation'; readonly parts: readonly Expr[]; readonly span: Span }
  | {
      readonly kind: 'object';
      readonly props: ReadonlyArray<{ readonly key: string; readonly value: Expr }>;
      readonly spread: readonly Expr[];
      readonly span: Span;
    }
  | { readonly kind: 'array'; readonly items: readonly Expr[]; readonly span: Span }
  | { readonly kind: 'function'; readonly fn: FunctionUnit }
  | { readonly kind: 'other'; readonly children: readonly Expr[]; readonly span: Span };

/** A call: the dotted callee as written (`client.chat.completions.create`), positional and named arguments. */
export interface Call {
  readonly callee: string;
  /** The callee's object when the callee is not a plain dotted path (`foo().bar` → `foo().bar`). */
  readonly args: readonly Expr[];
  readonly named: ReadonlyArray<{ readonly key: string; readonly value: Expr }>;
  /** `new X()` in TypeScript. */
  readonly isNew: boolean;
  readonly span: Span;
}

export interface Assignment {
  /** The name or dotted member written (`x`, `self.tools`, `registry[...]` as `registry[]`). */
  readonly target: string;
  readonly value: Expr;
  /** `+=`, `.push(...)`/`.append(...)` style additions are assignments with `augmented`. */
  readonly augmented: boolean;
  readonly span: Span;
}

export interface Param {
  readonly name: string;
  /** The type annotation as written, if any. */
  readonly type: string | undefined;
  readonly span: Span;
}

export interface Loop {
  readonly kind: 'while' | 'for' | 'do';
  /** `while True`, `while (true)`, `for (;;)`: no condition that can end it. */
  readonly unconditional: boolean;
  readonly hasBreak: boolean;
  /** Calls made inside the loop body (directly). */
  readonly calls: readonly Call[];
  readonly span: Span;
}

/** A function, method or lambda; the module's top level is one too (`name` `<module>`). */
export interface FunctionUnit {
  readonly name: string;
  readonly params: readonly Param[];
  /** Decorators (Python) as dotted names with their call, e.g. `mcp.tool`. */
  readonly decorators: readonly Call[];
  /** The docstring (Python) or leading JSDoc text. */
  readonly doc: string | undefined;
  readonly assignments: readonly Assignment[];
  /** Every call in the body, outermost first, nested functions excluded. */
  readonly calls: readonly Call[];
  readonly loops: readonly Loop[];
  readonly returns: readonly Expr[];
  readonly span: Span;
}

export interface Import {
  /** The module as written, or undefined when it is computed (`require(name)`). */
  readonly module: string | undefined;
  readonly names: readonly string[];
  readonly dynamic: boolean;
  readonly span: Span;
}

export interface Comment {
  readonly text: string;
  readonly line: number;
}

/** One parsed source file as the rules see it. */
export interface SourceModel {
  /** Path relative to the reviewed root, with `/` separators. */
  readonly file: string;
  readonly language: SourceLanguage;
  readonly lines: readonly string[];
  readonly imports: readonly Import[];
  readonly functions: readonly FunctionUnit[];
  readonly comments: readonly Comment[];
}

/** Every sub-expression of `expr`, itself first (bounded depth). */
export function* walkExpr(expr: Expr, depth = 0): Generator<Expr> {
  if (depth > 64) return;
  yield expr;
  switch (expr.kind) {
    case 'member':
      yield* walkExpr(expr.object, depth + 1);
      return;
    case 'call':
      for (const a of expr.call.args) yield* walkExpr(a, depth + 1);
      for (const n of expr.call.named) yield* walkExpr(n.value, depth + 1);
      return;
    case 'interpolation':
      for (const p of expr.parts) yield* walkExpr(p, depth + 1);
      return;
    case 'object':
      for (const p of expr.props) yield* walkExpr(p.value, depth + 1);
      for (const s of expr.spread) yield* walkExpr(s, depth + 1);
      return;
    case 'array':
      for (const i of expr.items) yield* walkExpr(i, depth + 1);
      return;
    case 'other':
      for (const c of expr.children) yield* walkExpr(c, depth + 1);
      return;
    default:
      return;
  }
}

/** The span of any expression. */
export function spanOf(expr: Expr): Span {
  return expr.kind === 'call' ? expr.call.span : expr.kind === 'function' ? expr.fn.span : expr.span;
}

/** The last segment of a dotted callee (`client.chat.completions.create` → `create`). */
export function lastSegment(callee: string): string {
  const at = callee.lastIndexOf('.');
  return at < 0 ? callee : callee.slice(at + 1);
}
