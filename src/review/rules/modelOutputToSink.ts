import type { RawFinding, Rule } from '../rule.js';

/** SQL calls: a query's parameters may be model output (validated); its text may not. */
const SQL = [
  'cursor.execute',
  'cursor.executemany',
  'conn.execute',
  'db.execute',
  'session.execute',
  'db.query',
  'pool.query',
  'client.query',
];
/** Where a model's answer must never go unvalidated: code execution, shells, SQL, HTML. */
const SINKS = new Set([
  'eval',
  'exec',
  'Function',
  'compile',
  'os.system',
  'os.popen',
  'subprocess.run',
  'subprocess.call',
  'subprocess.Popen',
  'subprocess.check_output',
  'child_process.exec',
  'child_process.execSync',
  'execSync',
  'document.write',
  'vm.runInNewContext',
  'vm.runInThisContext',
  ...SQL,
]);
const SINK_KEYS = new Set(['innerHTML', 'outerHTML', 'dangerouslySetInnerHTML']);

export const modelOutputToSink: Rule = {
  meta: {
    id: 'MAESTRO-L1-002',
    layer: 1,
    severity: 'high',
    checklist: 'L1.2',
    title: 'Model output is executed, run as SQL or rendered as HTML without validation',
    description:
      'The text a model returns is passed to eval/exec, a shell, a SQL query or raw HTML. A model steered by injected text then runs code, queries or scripts of the attacker’s choosing (insecure output handling).',
    mitigation:
      'Ask for a schema-typed output (response_format / generateObject / with_structured_output), validate it, map it to an allowlisted action; never execute or render model text directly (use parameterised queries and an HTML sanitiser, or scanOutput with the matching sink).',
    threat: 'Insecure output handling',
    refs: {
      layer: 1,
      owaspLlm: ['LLM05'],
      owaspAgentic: ['T11'],
      atlas: ['AML.T0077'],
      controls: ['C19', 'C23'],
      threats: ['T4'],
      nist: ['MANAGE'],
      iso: ['A.6.2.4'],
    },
    examples: {
      language: 'python',
      vulnerable: 'code = client.chat.completions.create(...).choices[0].message.content\nexec(code)',
      fixed:
        'action = client.chat.completions.parse(..., response_format=Action).choices[0].message.parsed\nHANDLERS[action.name](action.args)',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    for (const { fn, flow } of functions) {
      for (const call of fn.calls) {
        if (!SINKS.has(call.callee)) continue;
        // A query's parameters may be model output (validated); its text may not.
        const checked = SQL.includes(call.callee)
          ? call.args.slice(0, 1)
          : [...call.args, ...call.named.map((n) => n.value)];
        if (checked.some((a) => flow.isModelOutput(a))) {
          out.push({
            file: model.file,
            span: call.span,
            message: `Model output reaches ${call.callee} unvalidated.`,
          });
        }
      }
      for (const a of fn.assignments) {
        const key = a.target.slice(a.target.lastIndexOf('.') + 1);
        if (SINK_KEYS.has(key) && flow.isModelOutput(a.value)) {
          out.push({ file: model.file, span: a.span, message: `Model output is assigned to ${key}.` });
        }
      }
    }
    return out;
  },
};
