import type { RawFinding, Rule } from '../rule.js';

/** Names of module-level registries of tools, agents or plugins. */
const REGISTRY =
  /(^|[._])(tools?|tool_?registry|toolRegistry|registry|plugins?|agents?|handlers?|TOOLS|REGISTRY|PLUGINS|HANDLERS)$/;

export const mutableToolRegistry: Rule = {
  meta: {
    id: 'MAESTRO-L7-002',
    layer: 7,
    severity: 'medium',
    checklist: 'L7.2',
    title: 'A tool or agent registry is changed at run time',
    description:
      'A module-level registry of tools, agents or plugins is added to inside a function, so what an agent may call depends on what ran before, possibly on a request or a model’s answer (registry poisoning, tool hijacking).',
    mitigation:
      'Build the registry once at start from static imports, freeze it (Object.freeze, MappingProxyType, a tuple), and check each entry’s type; maestro’s createToolRegistry is frozen and fingerprinted.',
    threat: 'Registry poisoning',
    refs: {
      layer: 7,
      owaspAgentic: ['T13', 'T2'],
      atlas: ['AML.T0081'],
      controls: ['C10', 'C13'],
      threats: ['T5'],
      nist: ['MANAGE'],
      iso: ['A.6.2.6'],
    },
    examples: {
      language: 'python',
      vulnerable: 'TOOLS = []\n\ndef register(tool):\n    TOOLS.append(tool)',
      fixed: 'TOOLS: tuple[Tool, ...] = (search_docs, open_ticket)',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    const moduleLevel = functions.find((f) => f.fn.name === '<module>');
    const registries = new Set(
      (moduleLevel?.fn.assignments ?? [])
        .filter((a) => !a.augmented && REGISTRY.test(a.target))
        .map((a) => a.target),
    );
    for (const { fn } of functions) {
      if (fn.name === '<module>') continue;
      for (const a of fn.assignments) {
        const base = a.target.replace(/\[\]$/, '').replace(/^(self|this)\./, '');
        const hit =
          registries.has(a.target) ||
          registries.has(base) ||
          (a.target.endsWith('[]') && registries.has(base));
        if (hit && (a.augmented || a.target.endsWith('[]'))) {
          out.push({
            file: model.file,
            span: a.span,
            message: `${base} is changed inside ${fn.name}(), after start-up.`,
          });
        }
      }
    }
    return out;
  },
};
