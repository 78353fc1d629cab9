import type { RawFinding, Rule } from '../rule.js';

const FILE_CALLS = new Set([
  'open',
  'io.open',
  'os.remove',
  'os.unlink',
  'shutil.rmtree',
  'shutil.copy',
  'send_file',
  'FileResponse',
  'fs.readFile',
  'fs.readFileSync',
  'fs.writeFile',
  'fs.writeFileSync',
  'fs.createReadStream',
  'fs.createWriteStream',
  'fs.unlink',
  'fs.rm',
  'readFile',
  'writeFile',
  'readFileSync',
  'writeFileSync',
  'fs.promises.readFile',
  'fs.promises.writeFile',
  'res.sendFile',
  'Path.read_text',
  'Path.write_text',
  'Path',
]);
/** Calls that show the path was checked against a base directory. */
const GUARDS = [
  'realpath',
  'resolve',
  'abspath',
  'normpath',
  'is_relative_to',
  'relative_to',
  'startswith',
  'startsWith',
  'basename',
  'secure_filename',
];

export const pathTraversal: Rule = {
  meta: {
    id: 'MAESTRO-L6-005',
    layer: 6,
    severity: 'high',
    checklist: 'L6.3',
    title: 'A file path is built from untrusted input without a containment check',
    description:
      'A file is opened, written or deleted at a path that comes from a request, a tool argument or a model’s answer, and nothing checks that it stays inside the intended directory. "../" reaches any file the process can read (keys, credentials, other tenants’ data).',
    mitigation:
      'Resolve the path (realpath / Path.resolve) and check it is inside an allowed base directory before use, or map ids to paths from an allowlist.',
    threat: 'Path traversal',
    refs: {
      layer: 6,
      owaspLlm: ['LLM06'],
      owaspAgentic: ['T2'],
      atlas: ['AML.T0053'],
      controls: ['C1', 'C14'],
      threats: ['T1'],
      nist: ['MANAGE'],
      iso: ['A.6.2.4'],
    },
    examples: {
      language: 'python',
      vulnerable: '@function_tool\ndef read_doc(name: str) -> str:\n    return open(f"docs/{name}").read()',
      fixed:
        '@function_tool\ndef read_doc(name: str) -> str:\n    path = (DOCS / name).resolve()\n    if not path.is_relative_to(DOCS): raise ValueError("outside docs")\n    return path.read_text()',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    for (const { fn, flow } of functions) {
      const guarded = fn.calls.some((c) => GUARDS.some((g) => c.callee.endsWith(g)));
      if (guarded) continue;
      for (const call of fn.calls) {
        const first = call.args[0];
        // A bare open() is Python's; in TypeScript it is some other function.
        if (call.callee === 'open' && model.language !== 'python') continue;
        if (
          FILE_CALLS.has(call.callee) &&
          first !== undefined &&
          (flow.isTainted(first) || flow.isModelOutput(first))
        ) {
          out.push({
            file: model.file,
            span: call.span,
            message: `${call.callee}(...) uses an input-derived path with no containment check.`,
          });
        }
      }
    }
    return out;
  },
};
