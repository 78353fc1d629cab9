import type { Expr, FunctionUnit } from '../model/sourceModel.js';
import { walkExpr } from '../model/sourceModel.js';
import type { RawFinding, Rule } from '../rule.js';
import { isToolFunction, toolObjects } from './toolSchemas.js';

/** Calls whose result is content from outside: files, web pages, documents. */
const CONTENT_METHODS = [
  '.read',
  '.read_text',
  '.readlines',
  '.text',
  '.json',
  '.content',
  '.get_text',
  '.load',
  '.page_content',
];
const CONTENT_CALLS = new Set([
  'readFileSync',
  'fs.readFileSync',
  'fs.promises.readFile',
  'readFile',
  'urlopen',
  'urllib.request.urlopen',
]);
/** Calls that show the content was scanned, escaped or wrapped before it reaches the model. */
const SCANNERS = [
  'securityScan',
  'security_scan',
  'scan',
  'sanitize',
  'sanitise',
  'sanitizeInput',
  'bleach.clean',
  'escape',
  'html.escape',
  'detect_injection',
  'detectInjection',
  'guard',
];

function readsExternal(expr: Expr): boolean {
  for (const e of walkExpr(expr)) {
    if (
      e.kind === 'call' &&
      (CONTENT_CALLS.has(e.call.callee) || CONTENT_METHODS.some((m) => e.call.callee.endsWith(m)))
    )
      return true;
    if (e.kind === 'member' && (e.path.endsWith('.text') || e.path.endsWith('.page_content'))) return true;
  }
  return false;
}

export const toolReturnsExternalContent: Rule = {
  meta: {
    id: 'MAESTRO-L1-003',
    layer: 1,
    severity: 'high',
    checklist: 'L1.1',
    title: 'A tool hands external content to the model without scanning it',
    description:
      'A tool returns what it read from a file, a web page or a document straight to the model. Whoever wrote that content can put instructions in it, and the model reads them as part of its context (indirect prompt injection).',
    mitigation:
      'Scan tool results as indirect input before they reach the model (securityScan with source "tool"), strip invisible characters and template delimiters, and mark the content as data (quoted, with its origin); maestro’s gateway does this for MCP results.',
    threat: 'Indirect prompt injection',
    refs: {
      layer: 1,
      owaspLlm: ['LLM01'],
      owaspAgentic: ['T1', 'T6'],
      atlas: ['AML.T0051.001'],
      controls: ['C2', 'C18'],
      threats: ['T1'],
      nist: ['MANAGE'],
      iso: ['A.7.5'],
    },
    examples: {
      language: 'python',
      vulnerable:
        '@mcp.tool()\ndef read_page(url: str) -> str:\n    return requests.get(url, timeout=10).text',
      fixed:
        '@mcp.tool()\ndef read_page(url: str) -> str:\n    text = requests.get(url, timeout=10).text\n    verdict = security_scan(text, source="tool")\n    if verdict.lane == "block": raise ValueError("the page carries instructions")\n    return verdict.sanitized',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    const judge = (fn: FunctionUnit, name: string) => {
      if (fn.calls.some((c) => SCANNERS.some((s) => c.callee === s || c.callee.endsWith(`.${s}`)))) return;
      const external = new Set(fn.assignments.filter((a) => readsExternal(a.value)).map((a) => a.target));
      const leaks = fn.returns.some(
        (r) => readsExternal(r) || [...walkExpr(r)].some((e) => e.kind === 'name' && external.has(e.name)),
      );
      if (leaks)
        out.push({
          file: model.file,
          span: fn.span,
          message: `Tool ${name} returns external content to the model unscanned.`,
        });
    };
    for (const { fn } of functions) {
      if (isToolFunction(fn)) judge(fn, fn.name);
      // TypeScript tools: tool({ name, parameters, execute }) with the handler inline.
      for (const { props } of toolObjects(fn.calls)) {
        const execute = props.get('execute') ?? props.get('handler');
        const name = props.get('name');
        if (execute?.kind === 'function') judge(execute.fn, name?.kind === 'string' ? name.value : 'tool');
      }
    }
    return out;
  },
};
