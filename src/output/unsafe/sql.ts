import type { UnsafeMatch } from './types.js';

/**
 * What a database would do with text headed for it (`sink: 'sql'`): stacked statements,
 * `UNION SELECT`, tautologies, comments that cut off the rest of a query after a quote,
 * command execution, file access, time delays, schema probing. The text is lexed three ways:
 * as SQL, and as if it were inserted inside a '…' or "…" literal (where injections start by
 * closing the quote). Flags only.
 */

type Kind = 'word' | 'number' | 'string' | 'ident' | 'op' | 'comment';

interface Token {
  readonly kind: Kind;
  readonly start: number;
  readonly end: number;
  /** Upper-case word, operator text, or the content of a string. */
  readonly value: string;
}

/** How many tokens a rule looks ahead. */
const LOOKAHEAD = 12;

function isWordStart(cu: number): boolean {
  return cu === 0x5f || cu === 0x40 || ((cu | 0x20) >= 0x61 && (cu | 0x20) <= 0x7a) || cu > 0x7f;
}

function isWordPart(cu: number): boolean {
  return isWordStart(cu) || (cu >= 0x30 && cu <= 0x39) || cu === 0x24 || cu === 0x2e;
}

function isDigit(cu: number): boolean {
  return cu >= 0x30 && cu <= 0x39;
}

/** A quoted run from `i` (the opening quote) to its close; doubled quotes and backslashes escape. */
function readQuoted(text: string, i: number, quote: number): { end: number; value: string } {
  let value = '';
  let from = i + 1;
  let j = i + 1;
  while (j < text.length) {
    const cu = text.charCodeAt(j);
    if (cu === 0x5c && quote !== 0x60 && quote !== 0x5d) {
      value += text.slice(from, j) + (text[j + 1] ?? '');
      j += 2;
      from = j;
      continue;
    }
    if (cu === quote) {
      if (text.charCodeAt(j + 1) === quote && quote !== 0x5d) {
        value += text.slice(from, j + 1);
        j += 2;
        from = j;
        continue;
      }
      return { end: j + 1, value: value + text.slice(from, j) };
    }
    j++;
  }
  return { end: text.length, value: value + text.slice(from, Math.min(j, text.length)) };
}

/** Lexes `text` from `from` as SQL. Executable comments (`/*!…*\/`) are read as code. */
function lex(text: string, from: number, executableComments: number[]): Token[] {
  const tokens: Token[] = [];
  let insideExecutable = false;
  let i = from;
  while (i < text.length) {
    const cu = text.charCodeAt(i);
    if (cu <= 0x20) {
      i++;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if ((cu === 0x2d && next === 0x2d) || cu === 0x23) {
      const newline = text.indexOf('\n', i);
      const end = newline < 0 ? text.length : newline;
      tokens.push({ kind: 'comment', start: i, end, value: cu === 0x23 ? '#' : '--' });
      i = end;
      continue;
    }
    if (cu === 0x2f && next === 0x2a) {
      if (text.charCodeAt(i + 2) === 0x21) {
        executableComments.push(i);
        insideExecutable = true;
        i += 3;
        while (i < text.length && isDigit(text.charCodeAt(i))) i++;
        continue;
      }
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      tokens.push({ kind: 'comment', start: i, end, value: '/*' });
      i = end;
      continue;
    }
    if (cu === 0x2a && next === 0x2f && insideExecutable) {
      insideExecutable = false;
      i += 2;
      continue;
    }
    if (cu === 0x27 || cu === 0x22 || cu === 0x60 || cu === 0x5b) {
      const quote = cu === 0x5b ? 0x5d : cu;
      const { end, value } = readQuoted(text, i, quote);
      tokens.push({ kind: cu === 0x27 ? 'string' : cu === 0x22 ? 'string' : 'ident', start: i, end, value });
      i = end;
      continue;
    }
    if (isDigit(cu) || (cu === 0x2e && isDigit(next))) {
      let j = i + 1;
      while (
        j < text.length &&
        (isDigit(text.charCodeAt(j)) ||
          text.charCodeAt(j) === 0x2e ||
          (text.charCodeAt(j) | 0x20) === 0x78 ||
          ((text.charCodeAt(j) | 0x20) >= 0x61 && (text.charCodeAt(j) | 0x20) <= 0x66))
      )
        j++;
      tokens.push({ kind: 'number', start: i, end: j, value: text.slice(i, j).toLowerCase() });
      i = j;
      continue;
    }
    if (isWordStart(cu)) {
      let j = i + 1;
      while (j < text.length && j - i < 128 && isWordPart(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'word', start: i, end: j, value: text.slice(i, j).toUpperCase() });
      i = j;
      continue;
    }
    const two = text.slice(i, i + 2);
    const op =
      two === '<>' ||
      two === '!=' ||
      two === '<=' ||
      two === '>=' ||
      two === '||' ||
      two === '&&' ||
      two === '::'
        ? two
        : text[i]!;
    tokens.push({ kind: 'op', start: i, end: i + op.length, value: op });
    i += op.length;
  }
  return tokens;
}

interface Context {
  readonly tokens: readonly Token[];
  /** Code tokens only (comments dropped), with their index in `tokens`. */
  readonly code: readonly Token[];
  /** True when the text was read as the inside of a literal: injections are likelier. */
  readonly breakout: boolean;
  readonly matches: UnsafeMatch[];
}

function add(
  context: Context,
  what: string,
  start: number,
  end: number,
  confidence: number,
  detail: string,
): void {
  context.matches.push({ type: `sink:sql:${what}`, start, end, confidence, label: 'UNSAFE_SQL', detail });
}

function isWord(token: Token | undefined, ...values: string[]): boolean {
  return token !== undefined && token.kind === 'word' && values.includes(token.value);
}

const DROP_OBJECTS = [
  'TABLE',
  'DATABASE',
  'SCHEMA',
  'VIEW',
  'INDEX',
  'USER',
  'PROCEDURE',
  'FUNCTION',
  'TRIGGER',
  'ROLE',
  'SEQUENCE',
  'COLUMN',
  'CONSTRAINT',
  'IF',
  'LOGIN',
  'TABLESPACE',
];
const CREATE_OBJECTS = [...DROP_OBJECTS, 'OR', 'TEMP', 'TEMPORARY', 'UNIQUE', 'EXTENSION', 'ASSEMBLY'];

/** The statement that starts at code index `k`, if the tokens there form one. */
function statementAt(
  code: readonly Token[],
  k: number,
): { keyword: string; destructive: boolean } | undefined {
  const first = code[k];
  if (first === undefined || first.kind !== 'word') return undefined;
  const next = code[k + 1];
  switch (first.value) {
    case 'DROP':
      return isWord(next, ...DROP_OBJECTS) ? { keyword: 'DROP', destructive: true } : undefined;
    case 'TRUNCATE':
      return isWord(next, 'TABLE') ||
        (next?.kind === 'word' && (code[k + 2] === undefined || code[k + 2]!.value === ';'))
        ? { keyword: 'TRUNCATE', destructive: true }
        : undefined;
    case 'ALTER':
      return isWord(next, 'TABLE', 'USER', 'DATABASE', 'ROLE', 'SYSTEM', 'LOGIN', 'SERVER', 'SCHEMA')
        ? { keyword: 'ALTER', destructive: true }
        : undefined;
    case 'CREATE':
      return isWord(next, ...CREATE_OBJECTS) ? { keyword: 'CREATE', destructive: true } : undefined;
    case 'DELETE':
      return isWord(next, 'FROM') || isWord(code[k + 2], 'WHERE')
        ? { keyword: 'DELETE', destructive: true }
        : undefined;
    case 'INSERT':
    case 'REPLACE':
      return isWord(next, 'INTO') ? { keyword: first.value, destructive: true } : undefined;
    case 'UPDATE':
      return isWord(code[k + 2], 'SET') ? { keyword: 'UPDATE', destructive: true } : undefined;
    case 'GRANT':
    case 'REVOKE':
      for (let j = k + 1; j < code.length && j <= k + LOOKAHEAD; j++)
        if (isWord(code[j], 'TO', 'FROM', 'ON')) return { keyword: first.value, destructive: true };
      return undefined;
    case 'EXEC':
    case 'EXECUTE':
      return next !== undefined && (next.kind === 'word' || next.value === '(')
        ? { keyword: first.value, destructive: true }
        : undefined;
    case 'SHUTDOWN':
      return next === undefined || next.value === ';' || isWord(next, 'WITH')
        ? { keyword: 'SHUTDOWN', destructive: true }
        : undefined;
    case 'DECLARE':
      return next?.value.startsWith('@') === true ? { keyword: 'DECLARE', destructive: true } : undefined;
    case 'SELECT':
      return next !== undefined && next.value !== ';' ? { keyword: 'SELECT', destructive: false } : undefined;
    default:
      return undefined;
  }
}

function checkStatements(context: Context): void {
  const { code } = context;
  for (let k = 0; k < code.length; k++) {
    const token = code[k]!;
    const atStart = k === 0 && !context.breakout;
    const afterSemicolon = k > 0 && code[k - 1]!.value === ';';
    if (!atStart && !afterSemicolon) continue;
    const statement = statementAt(code, k);
    if (statement === undefined) continue;
    if (afterSemicolon) {
      const semicolon = code[k - 1]!;
      add(
        context,
        'stacked-query',
        semicolon.start,
        token.end,
        statement.destructive ? 0.9 : 0.5,
        `; ${statement.keyword}`,
      );
    } else if (['DROP', 'TRUNCATE', 'ALTER', 'GRANT', 'REVOKE', 'SHUTDOWN'].includes(statement.keyword)) {
      add(context, 'ddl', token.start, token.end, 0.6, statement.keyword);
    }
  }
}

const PROBE_VALUES = [
  'NULL',
  '@@VERSION',
  'VERSION',
  'USER',
  'DATABASE',
  'CURRENT_USER',
  'TABLE_NAME',
  'COLUMN_NAME',
  'PASSWORD',
  'SCHEMA_NAME',
  'NAME',
  'SQL',
];

function checkUnion(context: Context): void {
  const { code } = context;
  for (let k = 0; k + 1 < code.length; k++) {
    if (!isWord(code[k], 'UNION')) continue;
    let j = k + 1;
    if (isWord(code[j], 'ALL', 'DISTINCT')) j++;
    if (!isWord(code[j], 'SELECT')) continue;
    // Injected UNIONs guess the column count with NULLs or numbers and read system values.
    let probing = false;
    for (let m = j + 1; m < code.length && m <= j + LOOKAHEAD; m++) {
      const t = code[m]!;
      if (isWord(t, 'FROM')) break;
      if (t.kind === 'number' || PROBE_VALUES.includes(t.value)) probing = true;
    }
    add(
      context,
      'union-select',
      code[k]!.start,
      code[j]!.end,
      context.breakout || probing ? 0.9 : 0.5,
      'UNION SELECT',
    );
  }
}

function literalValue(token: Token | undefined): string | undefined {
  if (token === undefined) return undefined;
  if (token.kind === 'number' || token.kind === 'string') return token.value;
  if (isWord(token, 'TRUE')) return '1';
  return undefined;
}

/** Whether `a op b` holds for two literals, compared as numbers when both are numbers. */
function compareLiterals(a: string, op: string, b: string): boolean {
  const x = Number(a);
  const y = Number(b);
  const numeric = a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y);
  switch (op) {
    case '=':
    case 'LIKE':
      return numeric ? x === y : a === b;
    case '<>':
    case '!=':
      return numeric ? x !== y : a !== b;
    case '>':
      return numeric && x > y;
    case '<':
      return numeric && x < y;
    case '>=':
      return numeric ? x >= y : a === b;
    case '<=':
      return numeric ? x <= y : a === b;
    default:
      return false;
  }
}

/** `OR 1=1`, `OR 'a'='a`, `OR 2>1`, `OR x=x`, `OR TRUE)`: a condition that always holds. */
function checkTautologies(context: Context): void {
  const { code } = context;
  for (let k = 0; k + 1 < code.length; k++) {
    const or = code[k]!;
    if (!(isWord(or, 'OR') || (or.kind === 'op' && or.value === '||'))) continue;
    const left = code[k + 1]!;
    const op = code[k + 2];
    const right = code[k + 3];
    const a = literalValue(left);
    const b = literalValue(right);
    const comparison = op !== undefined && (op.kind === 'op' || isWord(op, 'LIKE')) && right !== undefined;
    if (comparison && a !== undefined && b !== undefined && compareLiterals(a, op.value, b)) {
      add(context, 'tautology', or.start, right.end, context.breakout ? 0.95 : 0.9, 'always-true comparison');
    } else if (
      comparison &&
      left.kind === 'word' &&
      right.kind === 'word' &&
      left.value === right.value &&
      op.value === '='
    ) {
      add(context, 'tautology', or.start, right.end, 0.7, 'column compared with itself');
    } else if (a !== undefined && a !== '0' && a !== '' && left.kind !== 'string') {
      // A bare true literal: only where a condition ends (`OR 1)`, `OR 1;`, `OR 1 --` after a quote).
      const closes =
        op === undefined ? context.breakout : op.value === ')' || op.value === ';' || isWord(op, 'AND', 'OR');
      if (closes)
        add(context, 'tautology', or.start, left.end, context.breakout ? 0.9 : 0.75, 'always-true literal');
    }
  }
}

/** A comment right after a string (or right after breaking out of one) cuts off the rest of the query. */
function checkComments(context: Context): void {
  const { tokens } = context;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (token.kind !== 'comment') continue;
    if (
      context.breakout &&
      k <= 2 &&
      tokens.slice(0, k).every((t) => t.kind === 'op' && (t.value === ')' || t.value === ';'))
    ) {
      add(context, 'comment-after-quote', token.start, token.end, 0.9, `quote then ${token.value}`);
      continue;
    }
    const before = tokens[k - 1];
    if (before !== undefined && before.kind === 'string') {
      add(context, 'comment-after-quote', before.start, token.end, 0.6, `string then ${token.value}`);
    }
  }
}

const COMMAND_EXEC = [
  'XP_CMDSHELL',
  'SP_OACREATE',
  'SP_OAMETHOD',
  'SP_EXECUTE_EXTERNAL_SCRIPT',
  'SYS_EXEC',
  'SYS_EVAL',
  'DBMS_JAVA.RUNJAVA',
  'DBMS_SCHEDULER.CREATE_JOB',
  'PG_EXECUTE_SERVER_PROGRAM',
];
const FILE_ACCESS = [
  'LOAD_FILE',
  'PG_READ_FILE',
  'PG_READ_BINARY_FILE',
  'PG_LS_DIR',
  'LO_IMPORT',
  'LO_EXPORT',
  'UTL_FILE',
  'OPENROWSET',
  'OPENDATASOURCE',
  'READFILE',
  'WRITEFILE',
  'LOAD_EXTENSION',
];
const SCHEMA_PROBES = [
  'INFORMATION_SCHEMA',
  'SQLITE_MASTER',
  'SQLITE_SCHEMA',
  'PG_CATALOG',
  'PG_SHADOW',
  'PG_USER',
  'PG_AUTHID',
  'MYSQL.USER',
  'SYSOBJECTS',
  'SYSCOLUMNS',
  'SYS.TABLES',
  'SYS.OBJECTS',
  'ALL_TABLES',
  'USER_TABLES',
  'DBA_USERS',
  'ALL_USERS',
  'SYS.SQL_LOGINS',
];

/** The name `value` refers to, also when qualified (`master..xp_cmdshell`, `information_schema.tables`). */
function startsWithAny(value: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    if (
      value === name ||
      value.startsWith(`${name}.`) ||
      value.endsWith(`.${name}`) ||
      value.includes(`.${name}.`)
    )
      return name;
  }
  return undefined;
}

function checkFunctions(context: Context): void {
  const { code } = context;
  for (let k = 0; k < code.length; k++) {
    const token = code[k]!;
    if (token.kind !== 'word') continue;
    const next = code[k + 1];
    const value = token.value;
    const command = startsWithAny(value, COMMAND_EXEC);
    if (command !== undefined) {
      add(context, 'command-exec', token.start, token.end, 0.95, command.toLowerCase());
      continue;
    }
    if (value === 'COPY') {
      for (let j = k + 1; j < code.length && j <= k + LOOKAHEAD; j++) {
        if (isWord(code[j], 'PROGRAM')) {
          add(context, 'command-exec', token.start, code[j]!.end, 0.95, 'COPY … PROGRAM');
          break;
        }
      }
      continue;
    }
    const file = startsWithAny(value, FILE_ACCESS);
    if (file !== undefined && (next?.value === '(' || file === 'UTL_FILE' || file === 'OPENROWSET')) {
      add(context, 'file-access', token.start, token.end, 0.9, file.toLowerCase());
      continue;
    }
    if (value === 'INTO' && isWord(next, 'OUTFILE', 'DUMPFILE')) {
      add(context, 'file-access', token.start, next!.end, 0.95, `INTO ${next!.value}`);
      continue;
    }
    if (
      value === 'LOAD' &&
      isWord(next, 'DATA') &&
      (isWord(code[k + 2], 'INFILE') || isWord(code[k + 3], 'INFILE'))
    ) {
      add(context, 'file-access', token.start, code[k + 2]!.end, 0.9, 'LOAD DATA INFILE');
      continue;
    }
    if (
      (value === 'SLEEP' || value === 'BENCHMARK') &&
      next?.value === '(' &&
      // MySQL wants no space before a function's parenthesis: `SLEEP(5)`, not "sleep (8 hours)".
      next.start === token.end &&
      code[k + 2]?.kind === 'number'
    ) {
      add(context, 'time-delay', token.start, code[k + 2]!.end, 0.9, value.toLowerCase());
      continue;
    }
    if (
      (value === 'PG_SLEEP' ||
        value === 'PG_SLEEP_FOR' ||
        value === 'DBMS_LOCK.SLEEP' ||
        value === 'DBMS_PIPE.RECEIVE_MESSAGE') &&
      next?.value === '('
    ) {
      add(context, 'time-delay', token.start, next.end, 0.9, value.toLowerCase());
      continue;
    }
    if (value === 'WAITFOR' && isWord(next, 'DELAY', 'TIME')) {
      add(context, 'time-delay', token.start, next!.end, 0.9, `WAITFOR ${next!.value}`);
      continue;
    }
    const probe = startsWithAny(value, SCHEMA_PROBES);
    if (probe !== undefined) add(context, 'schema-probe', token.start, token.end, 0.6, probe.toLowerCase());
  }
}

function analyse(text: string, from: number, breakout: boolean, matches: UnsafeMatch[]): void {
  const executable: number[] = [];
  const tokens = lex(text, from, executable);
  const context: Context = { tokens, code: tokens.filter((t) => t.kind !== 'comment'), breakout, matches };
  for (const at of executable) add(context, 'executable-comment', at, at + 3, 0.85, '/*!');
  checkStatements(context);
  checkUnion(context);
  checkTautologies(context);
  checkComments(context);
  checkFunctions(context);
}

/** Flags what `text` would do in a SQL statement: as a whole query, or spliced inside a literal. */
export function detectSqlRisks(text: string): UnsafeMatch[] {
  const matches: UnsafeMatch[] = [];
  analyse(text, 0, false, matches);
  for (const quote of [0x27, 0x22]) {
    // Read as the inside of a literal: the first closing quote is where the injection starts.
    const first = text.indexOf(String.fromCharCode(quote));
    if (first < 0) continue;
    const { end } = readQuoted(`${String.fromCharCode(quote)}${text}`, 0, quote);
    if (end - 1 < text.length) analyse(text, end - 1, true, matches);
  }
  // The readings overlap: keep one match per type and span, the most confident.
  const best = new Map<string, UnsafeMatch>();
  for (const match of matches) {
    const key = `${match.type}:${match.start}:${match.end}`;
    const seen = best.get(key);
    if (seen === undefined || seen.confidence < match.confidence) best.set(key, match);
  }
  return [...best.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}
