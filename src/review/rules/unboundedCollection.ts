import { walkExpr } from '../model/sourceModel.js';
import type { RawFinding, Rule } from '../rule.js';

/** Calls that show a collection is kept in bounds (trimmed, evicted, size-checked, or bounded by construction). */
const BOUNDS = [
  '.pop',
  '.popleft',
  '.shift',
  '.splice',
  '.delete',
  '.clear',
  '.evict',
  'len',
  '.length',
  '.size',
  'maxlen',
  'deque',
  'LRUCache',
  'lru_cache',
  'TTLCache',
];

export const unboundedCollection: Rule = {
  meta: {
    id: 'MAESTRO-L5-003',
    layer: 5,
    severity: 'medium',
    checklist: 'L5.3',
    title: 'A module-level collection grows with every request and is never bounded',
    description:
      'A list or map kept at module level (conversation history, sessions, a cache) is added to with request or tool input and nothing ever trims it or checks its size. Memory grows with traffic until the process dies, and one client can speed that up.',
    mitigation:
      'Bound it: a deque(maxlen=…), an LRU or TTL cache, a size check that evicts, or keep the data in a store with expiry instead of process memory.',
    threat: 'Resource exhaustion',
    refs: {
      layer: 5,
      owaspLlm: ['LLM10'],
      owaspAgentic: ['T4'],
      atlas: ['AML.T0029'],
      controls: ['C22'],
      threats: ['T3'],
      nist: ['MANAGE'],
      iso: ['A.4.5'],
    },
    examples: {
      language: 'python',
      vulnerable: 'HISTORY = []\n\n@app.post("/chat")\ndef chat(message: str):\n    HISTORY.append(message)',
      fixed:
        'HISTORY = deque(maxlen=1000)\n\n@app.post("/chat")\ndef chat(message: str):\n    HISTORY.append(message)',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    const top = functions.find((f) => f.fn.name === '<module>')?.fn;
    const collections = new Set(
      (top?.assignments ?? [])
        .filter((a) => {
          if (a.value.kind === 'array' || a.value.kind === 'object') return true;
          return (
            a.value.kind === 'call' &&
            ['Map', 'Set', 'dict', 'list', 'set', 'defaultdict', 'OrderedDict'].includes(a.value.call.callee)
          );
        })
        .map((a) => a.target),
    );
    if (collections.size === 0) return out;
    // Anything in the file that trims or measures the collection counts as a bound.
    const bounded = new Set<string>();
    for (const { fn } of functions) {
      for (const call of fn.calls) {
        if (BOUNDS.some((b) => call.callee.endsWith(b) || call.callee === b.replace(/^\./, ''))) {
          for (const name of collections) {
            if (call.callee.startsWith(`${name}.`)) bounded.add(name);
            for (const a of call.args)
              for (const e of walkExpr(a))
                if (
                  (e.kind === 'name' && e.name === name) ||
                  (e.kind === 'member' && e.path.startsWith(`${name}.`))
                )
                  bounded.add(name);
          }
        }
      }
      for (const a of top?.assignments ?? [])
        if (a.value.kind === 'call' && ['deque', 'LRUCache', 'TTLCache'].includes(a.value.call.callee))
          bounded.add(a.target);
    }
    for (const { fn, flow } of functions) {
      if (fn.name === '<module>') continue;
      for (const a of fn.assignments) {
        const name = a.target.replace(/\[\]$/, '');
        if (!collections.has(name) || bounded.has(name)) continue;
        const grows = a.augmented || a.target.endsWith('[]');
        if (grows && flow.isTainted(a.value)) {
          out.push({
            file: model.file,
            span: a.span,
            message: `${name} grows with input in ${fn.name}() and nothing bounds it.`,
          });
        }
      }
    }
    return out;
  },
};
