import type { Call } from '../model/sourceModel.js';
import type { RawFinding, Rule } from '../rule.js';

/** Python HTTP calls that wait forever without `timeout=` (requests has no default). */
const PY_REQUESTS = new Set([
  'requests.get',
  'requests.post',
  'requests.put',
  'requests.patch',
  'requests.delete',
  'requests.request',
  'requests.head',
  'urllib.request.urlopen',
  'urlopen',
]);
/** LLM client constructors whose default timeout is ten minutes or none. */
const LLM_CLIENTS = new Set([
  'OpenAI',
  'AsyncOpenAI',
  'AzureOpenAI',
  'Anthropic',
  'AsyncAnthropic',
  'ChatOpenAI',
  'ChatAnthropic',
  'openai.OpenAI',
  'anthropic.Anthropic',
]);
const TIMEOUT_KEYS = [
  'timeout',
  'signal',
  'request_timeout',
  'timeoutMs',
  'headersTimeout',
  'max_retries_timeout',
];

function hasTimeout(call: Call): boolean {
  if (call.named.some((n) => TIMEOUT_KEYS.includes(n.key))) return true;
  return call.args.some((a) => a.kind === 'object' && a.props.some((p) => TIMEOUT_KEYS.includes(p.key)));
}

export const clientWithoutTimeout: Rule = {
  meta: {
    id: 'MAESTRO-L3-001',
    layer: 3,
    severity: 'medium',
    checklist: 'L3.1',
    title: 'An external call has no timeout',
    description:
      'An HTTP request or LLM client waits as long as the other side takes: requests has no default timeout, fetch none, and the LLM SDKs wait up to ten minutes. A slow or hostile service then holds the agent, its workers and its budget.',
    mitigation:
      'Set a timeout on every external call (timeout=, AbortSignal.timeout(), the client’s timeout option) and handle its expiry.',
    threat: 'Service unavailability',
    refs: {
      layer: 3,
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
      vulnerable: 'page = requests.get(url).text',
      fixed: 'page = requests.get(url, timeout=10).text',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    for (const { fn } of functions) {
      for (const call of fn.calls) {
        const python = model.language === 'python';
        const http = python
          ? PY_REQUESTS.has(call.callee)
          : call.callee === 'fetch' ||
            /^axios\.(get|post|put|patch|delete|request)$/.test(call.callee) ||
            call.callee === 'axios';
        const llm = LLM_CLIENTS.has(call.callee) && (python || call.isNew);
        if ((http || llm) && !hasTimeout(call)) {
          out.push({
            file: model.file,
            span: call.span,
            message: llm
              ? `${call.callee} client is created without a timeout.`
              : `${call.callee}(...) has no timeout.`,
          });
        }
      }
    }
    return out;
  },
};
