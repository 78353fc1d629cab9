import type { Call, Expr, FunctionUnit } from '../model/sourceModel.js';

/** Python decorators that make a function a tool the model calls. */
const TOOL_DECORATORS = [
  'tool',
  'function_tool',
  'mcp.tool',
  'server.tool',
  'app.tool',
  'kernel_function',
  'register_tool',
];

export function isToolFunction(fn: FunctionUnit): boolean {
  return fn.decorators.some((d) => TOOL_DECORATORS.some((t) => d.callee === t || d.callee.endsWith(`.${t}`)));
}

/** `tool({...})`, `createTool({...})`, `new DynamicStructuredTool({...})`: a tool declared as an object. */
export function toolObjects(calls: readonly Call[]): Array<{ call: Call; props: Map<string, Expr> }> {
  const out: Array<{ call: Call; props: Map<string, Expr> }> = [];
  for (const call of calls) {
    const name = call.callee.slice(call.callee.lastIndexOf('.') + 1);
    if (
      !['tool', 'createTool', 'DynamicStructuredTool', 'DynamicTool', 'defineTool', 'FunctionTool'].includes(
        name,
      )
    )
      continue;
    const object = call.args.find((a) => a.kind === 'object');
    if (object?.kind !== 'object') continue;
    out.push({ call, props: new Map(object.props.map((p) => [p.key, p.value])) });
  }
  return out;
}

/** Types that say nothing about a value's shape. */
export function isLooseType(type: string | undefined): boolean {
  if (type === undefined) return true;
  const t = type.replace(/\s+/g, '');
  return /^(any|object|Object|unknown|dict|Dict|Any|Record<string,any>|Record<string,unknown>|dict\[str,Any\]|Dict\[str,Any\]|typing\.Any|typing\.Dict)$/.test(
    t,
  );
}
