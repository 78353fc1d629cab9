import type { RawFinding, Rule } from '../rule.js';

export const dynamicLoading: Rule = {
  meta: {
    id: 'MAESTRO-L7-001',
    layer: 7,
    severity: 'high',
    checklist: 'L7.3',
    title: 'Code is loaded by a name computed at run time',
    description:
      'importlib.import_module(name), __import__(name), require(name) or import(name) loads whatever module the name says. When the name comes from configuration, a registry, a request or a model, whoever writes it chooses the code that runs (plugin and registry hijacking).',
    mitigation:
      'Wire components with static imports and pick among them with a fixed map (name → imported function); validate names against that allowlist.',
    threat: 'Registry hijacking',
    refs: {
      layer: 7,
      owaspLlm: ['LLM03'],
      owaspAgentic: ['T13'],
      atlas: ['AML.T0010'],
      controls: ['C10', 'C13'],
      threats: ['T5'],
      nist: ['MANAGE'],
      iso: ['A.6.2.6'],
    },
    examples: {
      language: 'python',
      vulnerable: 'module = importlib.import_module(config["plugin"])\nplugin = module.Plugin()',
      fixed:
        'PLUGINS = {"summarise": SummarisePlugin, "translate": TranslatePlugin}\nplugin = PLUGINS[config["plugin"]]()',
    },
  },
  checkSource({ model }) {
    const out: RawFinding[] = [];
    for (const i of model.imports) {
      if (!i.dynamic || i.module !== undefined) continue;
      out.push({
        file: model.file,
        span: i.span,
        message: 'A module is loaded by a name computed at run time.',
      });
    }
    return out;
  },
};
