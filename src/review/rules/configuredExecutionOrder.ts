import type { Expr } from '../model/sourceModel.js';
import { walkExpr } from '../model/sourceModel.js';
import type { RawFinding, Rule } from '../rule.js';

/** Calls that read configuration (files, environment) whose values can then pick what runs. */
const CONFIG_READS = [
  'json.load',
  'json.loads',
  'yaml.safe_load',
  'yaml.load',
  'toml.load',
  'tomllib.load',
  'JSON.parse',
  'readFileSync',
  'fs.readFileSync',
  'os.environ.get',
  'os.getenv',
  'configparser.ConfigParser',
];

function readsConfig(expr: Expr): boolean {
  for (const e of walkExpr(expr)) {
    if (e.kind === 'call' && CONFIG_READS.some((c) => e.call.callee === c || e.call.callee.endsWith(`.${c}`)))
      return true;
    if (e.kind === 'member' && (e.path.startsWith('process.env') || e.path.startsWith('os.environ')))
      return true;
  }
  return false;
}

export const configuredExecutionOrder: Rule = {
  meta: {
    id: 'MAESTRO-L7-005',
    layer: 7,
    severity: 'medium',
    checklist: 'L7.1',
    title: 'What runs, and in which order, is looked up by name from configuration or input',
    description:
      'A function is chosen by a name read from a configuration file, the environment or a request (getattr(module, name)(), globals()[name](), handlers[name]()), so whoever can edit that configuration or send that request decides which code runs and in what order (orchestration hijacking).',
    mitigation:
      'Fix the pipeline in code: an explicit sequence of statically imported steps; if configuration must choose, map names to functions in a frozen table and refuse names not in it.',
    threat: 'Orchestration hijacking',
    refs: {
      layer: 7,
      owaspAgentic: ['T6', 'T13'],
      atlas: ['AML.T0081'],
      controls: ['C10', 'C13'],
      threats: ['T5', 'T7'],
      nist: ['MANAGE'],
      iso: ['A.6.2.6'],
    },
    examples: {
      language: 'python',
      vulnerable:
        'pipeline = yaml.safe_load(open("pipeline.yaml"))\nfor step in pipeline["steps"]:\n    getattr(steps, step)(context)',
      fixed:
        'PIPELINE = (steps.retrieve, steps.answer, steps.check_output)\nfor step in PIPELINE:\n    step(context)',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    for (const { fn, flow } of functions) {
      const configured = new Set(fn.assignments.filter((a) => readsConfig(a.value)).map((a) => a.target));
      for (const a of fn.assignments) {
        if ([...walkExpr(a.value)].some((e) => e.kind === 'name' && configured.has(e.name)))
          configured.add(a.target);
      }
      const chosenBy = (e: Expr) =>
        flow.isTainted(e) ||
        readsConfig(e) ||
        [...walkExpr(e)].some((x) => x.kind === 'name' && configured.has(x.name));
      const inLoop = (line: number) => fn.loops.some((l) => l.span.line <= line && l.span.endLine >= line);
      for (const call of fn.calls) {
        const name = call.args[1];
        if (call.callee === 'getattr' && name !== undefined && name.kind !== 'string' && chosenBy(name)) {
          out.push({
            file: model.file,
            span: call.span,
            message: 'getattr(...) picks the code to run by a configured or input name.',
          });
        } else if (call.callee.endsWith('[]') && configured.size > 0 && inLoop(call.span.line)) {
          // handlers[step](...) / globals()[step](...) in a loop over configuration.
          out.push({
            file: model.file,
            span: call.span,
            message: `${call.callee.slice(0, -2)}[name](...) runs steps named by configuration.`,
          });
        }
      }
    }
    return out;
  },
};
