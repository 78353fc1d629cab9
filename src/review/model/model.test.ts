import { describe, expect, it } from 'vitest';
import { analyseFlow, isModelCall } from '../analysis/dataflow.js';
import { createPythonParser } from './fromPython.js';
import { fromTypeScript } from './fromTypeScript.js';
import type { FunctionUnit } from './sourceModel.js';

const fn = (functions: readonly FunctionUnit[], name: string) => {
  const found = functions.find((f) => f.name === name);
  if (found === undefined) throw new Error(`no function ${name}`);
  return found;
};

describe('the TypeScript model', () => {
  it('sees template literals, concatenation, destructuring, awaits and member paths, and follows taint through them', () => {
    const model = fromTypeScript(
      'a.ts',
      `export async function handle(req: Request) {
        const { question } = await req.json();
        const a = 'Q: ' + question;
        const b = \`\${a}!\`;
        const safe = question.length;
        const c = \`count \${safe}\`;
      }`,
    );
    const f = fn(model.functions, 'handle');
    const flow = analyseFlow(f, isModelCall);
    expect(flow.tainted.has('question')).toBe(true);
    expect([...flow.interpolated].sort()).toEqual(['a', 'b', 'c']);
  });

  it('records unconditional loops and whether they can end, imports and dynamic imports', () => {
    const model = fromTypeScript(
      'b.ts',
      `import OpenAI from 'openai';
       const m = await import(name);
       export async function run() {
         while (true) { await client.chat.completions.create({}); if (x) break; }
         for (;;) { await client.chat.completions.create({}); }
         for (let i = 0; i < 3; i++) {}
       }`,
    );
    const loops = fn(model.functions, 'run').loops;
    expect(loops.map((l) => [l.unconditional, l.hasBreak])).toEqual([
      [true, true],
      [true, false],
      [false, false],
    ]);
    expect(model.imports.map((i) => [i.module, i.dynamic])).toEqual([
      ['openai', false],
      [undefined, true],
    ]);
  });
});

describe('the Python model', () => {
  it('sees f-strings, %, .format and +, decorators, docstrings, typed parameters and loops', async () => {
    const parser = await createPythonParser();
    try {
      const model = parser.parse(
        'a.py',
        [
          '@mcp.tool()',
          'def tool(query: str, limit: int = 5, *args, **kwargs) -> str:',
          '    """Searches."""',
          '    a = f"Q: {query}"',
          '    b = "Q: %s" % query',
          '    c = "Q: {}".format(query)',
          '    d = "Q: " + query',
          '    e = len(query)',
          '    while True:',
          '        agent.run(a)',
          '    return a',
        ].join('\n'),
      );
      const f = fn(model.functions, 'tool');
      expect(f.decorators.map((d) => d.callee)).toEqual(['mcp.tool']);
      expect(f.doc).toBe('Searches.');
      expect(f.params.map((p) => [p.name, p.type])).toEqual([
        ['query', 'str'],
        ['limit', 'int'],
        ['args', undefined],
        ['kwargs', undefined],
      ]);
      const flow = analyseFlow(f, isModelCall);
      expect([...flow.interpolated].sort()).toEqual(['a', 'b', 'c', 'd']);
      expect(f.loops[0]).toMatchObject({ kind: 'while', unconditional: true, hasBreak: false });
      expect(isModelCall(f.loops[0]?.calls[0] as never)).toBe(true);
    } finally {
      parser.delete();
    }
  });
});
