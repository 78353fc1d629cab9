import type { Call, Expr } from '../model/sourceModel.js';
import type { RawFinding, Rule } from '../rule.js';

const EXEC_SINKS = new Set([
  'eval',
  'exec',
  'Function',
  'os.system',
  'os.popen',
  'child_process.exec',
  'child_process.execSync',
  'execSync',
  'exec',
  'cp.exec',
  'vm.runInNewContext',
  'vm.runInThisContext',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
  'commands.getoutput',
]);
const SUBPROCESS = new Set([
  'subprocess.run',
  'subprocess.call',
  'subprocess.Popen',
  'subprocess.check_output',
  'subprocess.check_call',
  'asyncio.create_subprocess_shell',
]);
const SPAWN = new Set(['child_process.spawn', 'spawn', 'execFile', 'child_process.execFile', 'spawnSync']);

function shellTrue(call: Call): boolean {
  if (call.callee === 'asyncio.create_subprocess_shell') return true;
  const named = call.named.find((n) => n.key === 'shell')?.value;
  if (named?.kind === 'name' && named.name === 'True') return true;
  return call.args.some(
    (a) => a.kind === 'object' && a.props.some((p) => p.key === 'shell' && p.value.kind === 'other'),
  );
}

export const commandInjection: Rule = {
  meta: {
    id: 'MAESTRO-L6-004',
    layer: 6,
    severity: 'critical',
    checklist: 'L6.3',
    title: 'A shell command or code is built from untrusted input',
    description:
      'eval/exec, a shell (shell=True, os.system, child_process.exec) or a spawned process gets arguments derived from a request, a tool argument or a model’s answer. Whoever steers that text runs commands on the host.',
    mitigation:
      'Never pass untrusted text to a shell or an interpreter: call a fixed program with an argument list (shell=False / execFile), validate each argument against an allowlist, and run tools in a sandbox.',
    threat: 'Remote code execution',
    refs: {
      layer: 6,
      owaspLlm: ['LLM05', 'LLM06'],
      owaspAgentic: ['T11'],
      atlas: ['AML.T0053'],
      controls: ['C14', 'C1'],
      threats: ['T1', 'T4'],
      nist: ['MANAGE'],
      iso: ['A.6.2.4'],
    },
    examples: {
      language: 'python',
      vulnerable: 'subprocess.run(f"git log {branch}", shell=True)',
      fixed:
        'if not BRANCH.fullmatch(branch): raise ValueError("bad branch")\nsubprocess.run(["git", "log", branch], shell=False, timeout=10)',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    for (const { fn, flow } of functions) {
      // Model output reaching these sinks is MAESTRO-L1-002's finding.
      const untrusted = (e: Expr) => flow.isTainted(e);
      for (const call of fn.calls) {
        const args = [...call.args, ...call.named.filter((n) => n.key !== 'shell').map((n) => n.value)];
        if (EXEC_SINKS.has(call.callee) && args.some(untrusted)) {
          out.push({
            file: model.file,
            span: call.span,
            message: `${call.callee}(...) runs input-derived text.`,
          });
        } else if (SUBPROCESS.has(call.callee) && shellTrue(call) && args.some(untrusted)) {
          out.push({
            file: model.file,
            span: call.span,
            message: `${call.callee}(..., shell=True) runs an input-derived command line.`,
          });
        } else if (
          (SUBPROCESS.has(call.callee) || SPAWN.has(call.callee)) &&
          call.args[0] !== undefined &&
          untrusted(call.args[0]) &&
          call.args[0].kind !== 'array'
        ) {
          out.push({
            file: model.file,
            span: call.span,
            message: `${call.callee}(...) runs a program named by input.`,
          });
        }
      }
    }
    return out;
  },
};
