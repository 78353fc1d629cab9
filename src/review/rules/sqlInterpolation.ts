import type { RawFinding, Rule } from '../rule.js';

const SQL_CALLS = [
  'execute',
  'executemany',
  'executescript',
  'query',
  'raw',
  'exec',
  'run',
  'all',
  'get',
  'prepare',
  'text',
  'mogrify',
];
const SQL_OBJECTS =
  /(cursor|cur|conn|connection|db|database|session|pool|client|engine|sql|knex|sequelize|prisma|stmt|sqlite)$/i;
const SQL_WORDS = ['select ', 'insert ', 'update ', 'delete ', 'drop ', 'where ', 'from ', 'union '];

export const sqlInterpolation: Rule = {
  meta: {
    id: 'MAESTRO-L6-006',
    layer: 6,
    severity: 'medium',
    checklist: 'L6.3',
    title: 'A SQL query is built by string interpolation',
    description:
      'A query string is assembled with an f-string, template literal, + or .format from values that are not constants. When any of them comes from a user, a tool argument or a model (which injected text can steer), the caller rewrites the query (SQL injection, UNION-based data theft).',
    mitigation:
      'Use parameterised queries (placeholders and a parameter list) or the ORM’s query builder; validate tool arguments with a schema first.',
    threat: 'SQL injection',
    refs: {
      layer: 6,
      owaspLlm: ['LLM05'],
      owaspAgentic: ['T2'],
      atlas: ['AML.T0053'],
      controls: ['C1'],
      threats: ['T1'],
      nist: ['MANAGE'],
      iso: ['A.6.2.4'],
    },
    examples: {
      language: 'python',
      vulnerable: 'cursor.execute(f"SELECT * FROM Transactions WHERE userId = \'{user_id}\'")',
      fixed: 'cursor.execute("SELECT * FROM Transactions WHERE userId = ?", (user_id,))',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    for (const { fn } of functions) {
      for (const call of fn.calls) {
        const at = call.callee.lastIndexOf('.');
        if (
          at < 0 ||
          !SQL_CALLS.includes(call.callee.slice(at + 1)) ||
          !SQL_OBJECTS.test(call.callee.slice(0, at))
        )
          continue;
        const query = call.args[0];
        if (query?.kind !== 'interpolation') continue;
        const literal = query.parts
          .filter((p) => p.kind === 'string')
          .map((p) => (p.kind === 'string' ? p.value.toLowerCase() : ''))
          .join(' ');
        const dynamic = query.parts.some((p) => p.kind !== 'string' && p.kind !== 'number');
        if (dynamic && SQL_WORDS.some((w) => literal.includes(w))) {
          out.push({
            file: model.file,
            span: call.span,
            message: `${call.callee}(...) runs a query built by string interpolation.`,
          });
        }
      }
    }
    return out;
  },
};
