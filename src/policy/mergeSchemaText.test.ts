import { checkParseSchema } from '@cedar-policy/cedar-wasm/nodejs';
import { describe, expect, it } from 'vitest';
import { mergeSchemaText } from './mergeSchemaText.js';

describe('mergeSchemaText', () => {
  it('merges the blocks of one namespace from several files into one that Cedar accepts', () => {
    const merged = mergeSchemaText([
      { name: 'a', text: '// base\nnamespace App {\n  entity User;\n}\nentity Global;\n' },
      { name: 'b', text: 'namespace App { entity Doc { owner: User }; }\nnamespace Other { entity X; }' },
      {
        name: 'c',
        text: '@doc("tools") namespace App {\n  action "read" appliesTo { principal: [User], resource: [Doc] };\n}',
      },
    ]);
    expect(merged.problems).toEqual([]);
    expect(checkParseSchema(merged.text)).toEqual({ type: 'success' });
    expect(merged.text.match(/namespace App/g)).toHaveLength(1);
  });

  it('maps an offset in the merged text back to its file, line and column', () => {
    const files = [
      { name: 'a', text: 'namespace App {\n  entity User;\n}\n' },
      { name: 'b', text: '\n\nnamespace App {\n  entity Doc { owner: Usr };\n}\n' },
    ];
    const merged = mergeSchemaText(files);
    const at = Buffer.byteLength(merged.text.slice(0, merged.text.indexOf('Usr')));
    expect(merged.locate(at)).toEqual({ file: 'b', line: 4, column: 23 });
    expect(merged.locate(undefined)).toBeUndefined();
  });

  it('reports a namespace annotated in two files', () => {
    const merged = mergeSchemaText([
      { name: 'a', text: '@doc("x") namespace App { entity A; }' },
      { name: 'b', text: '\n@doc("y") namespace App { entity B; }' },
    ]);
    expect(merged.problems).toMatchObject([{ file: 'b', line: 2, column: 1, severity: 'error' }]);
  });

  it('keeps a file that does not cut cleanly whole, so Cedar reports its error in place', () => {
    const merged = mergeSchemaText([
      { name: 'a', text: 'namespace App { entity A; }' },
      { name: 'b', text: 'namespace App {\n  entity "B;\n' },
    ]);
    expect(merged.text).toContain('entity "B;');
    const answer = checkParseSchema(merged.text);
    expect(answer.type).toBe('failure');
    if (answer.type === 'failure')
      expect(merged.locate(answer.errors[0]?.sourceLocations?.[0]?.start)?.file).toBe('b');
  });
});
