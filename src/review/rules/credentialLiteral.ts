import { type Expr, walkExpr } from '../model/sourceModel.js';
import type { RawFinding, Rule } from '../rule.js';

/** Argument and property names that take a credential. */
const CREDENTIAL_KEYS = new Set([
  'api_key',
  'apiKey',
  'apikey',
  'token',
  'access_token',
  'accessToken',
  'secret',
  'client_secret',
  'clientSecret',
  'password',
  'auth_token',
  'authToken',
  'openai_api_key',
  'anthropic_api_key',
  'bearer',
]);

/** Placeholders that are not credentials. */
function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return (
    v === '' ||
    /^(x+|\*+|\.\.\.|<.*>|\$\{.*\}|changeme|dummy|test|your[-_ ]?api[-_ ]?key.*|sk-\.\.\.|none|null|EMPTY|ollama|lm-studio|lmstudio|not-needed|no-key|sk-no-key-required|local|fake|placeholder)$/i.test(
      v,
    )
  );
}

const FILE_READS = [
  'json.load',
  'yaml.safe_load',
  'yaml.load',
  'toml.load',
  'tomllib.load',
  'configparser.ConfigParser',
  'JSON.parse',
  'readFileSync',
];

function readsConfigFile(expr: Expr): boolean {
  for (const e of walkExpr(expr))
    if (e.kind === 'call' && FILE_READS.some((r) => e.call.callee === r || e.call.callee.endsWith(`.${r}`)))
      return true;
  return false;
}

function literal(expr: Expr): string | undefined {
  return expr.kind === 'string' ? expr.value : undefined;
}

export const credentialLiteral: Rule = {
  meta: {
    id: 'MAESTRO-L3-003',
    layer: 3,
    severity: 'high',
    checklist: 'L3.3',
    title: 'A credential is passed as a literal instead of coming from the environment',
    description:
      'An API key, token or password is written into the code as a string. It ends up in version control, images and logs, and rotating it means a code change.',
    mitigation:
      'Read credentials from the environment or a secret manager (os.environ["OPENAI_API_KEY"], process.env.OPENAI_API_KEY) and keep them out of the repository.',
    threat: 'Credential exposure',
    refs: {
      layer: 3,
      owaspLlm: ['LLM02'],
      owaspAgentic: ['T9'],
      atlas: ['AML.T0083'],
      controls: ['C4'],
      threats: ['T2'],
      nist: ['MANAGE'],
      iso: ['A.6.2.4'],
    },
    examples: {
      language: 'python',
      vulnerable: 'client = OpenAI(api_key="sk-proj-...")',
      fixed: 'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    const report = (key: string, value: Expr) => {
      const text = literal(value);
      if (text === undefined || isPlaceholder(text) || value.kind !== 'string') return;
      out.push({
        file: model.file,
        span: value.span,
        message: `${key} is given a literal value instead of one read from the environment.`,
      });
    };
    for (const { fn } of functions) {
      for (const call of fn.calls) {
        for (const n of call.named) if (CREDENTIAL_KEYS.has(n.key)) report(n.key, n.value);
        for (const a of call.args)
          if (a.kind === 'object')
            for (const p of a.props) if (CREDENTIAL_KEYS.has(p.key)) report(p.key, p.value);
      }
      for (const a of fn.assignments) {
        const key = a.target.slice(a.target.lastIndexOf('.') + 1);
        if (CREDENTIAL_KEYS.has(key) || /^[A-Z0-9_]*(API_KEY|TOKEN|SECRET|PASSWORD)$/.test(key))
          report(key, a.value);
      }
    }
    return out;
  },
};
