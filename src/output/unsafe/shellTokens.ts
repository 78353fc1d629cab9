/**
 * A linear shell tokenizer, good enough to tell which commands a text would run: quotes and
 * escapes are resolved, operators split commands, `$(…)`, backticks and `<(…)` open nested
 * command lists (bounded depth), redirections keep their targets. It never executes or expands.
 */

/** Nested substitutions deeper than this are read as plain text. */
const MAX_DEPTH = 32;

export interface ShellWord {
  /** The word with quotes and escapes removed (substitutions kept as written). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface Redirect {
  readonly op: string;
  readonly target: ShellWord;
}

export interface ShellCommand {
  readonly words: ShellWord[];
  readonly redirects: Redirect[];
  /** The operator before this command ('' at the start of a list). */
  readonly op: string;
  readonly opStart: number;
  readonly opEnd: number;
  /** The command whose word contains the substitution this command runs in, or -1. */
  readonly parent: number;
  /** The command piping into this one, or -1. */
  readonly pipedFrom: number;
}

export interface Substitution {
  readonly start: number;
  readonly end: number;
  readonly kind: '$(' | '`' | '<(' | '>(';
}

export interface ShellTokens {
  readonly commands: ShellCommand[];
  readonly substitutions: Substitution[];
}

interface Builder {
  command: ShellCommand & { words: ShellWord[]; redirects: Redirect[] };
  index: number;
  word: string;
  wordStart: number;
  pendingRedirect: string;
  /** What closes this list: ')' for $( <( >(, '`' for backticks, '' at top level. */
  closer: string;
  substitutionStart: number;
  substitutionKind: Substitution['kind'] | undefined;
  /** Inside double quotes when the substitution opened. */
  inDouble: boolean;
}

function isDescriptor(word: string): boolean {
  if (word.length === 0 || word.length > 3) return false;
  for (let k = 0; k < word.length; k++)
    if (word.charCodeAt(k) < 0x30 || word.charCodeAt(k) > 0x39) return false;
  return true;
}

function isBlank(cu: number): boolean {
  return cu === 0x20 || cu === 0x09;
}

export function tokenizeShell(text: string): ShellTokens {
  const commands: ShellCommand[] = [];
  const substitutions: Substitution[] = [];
  const stack: Builder[] = [];

  const newCommand = (
    op: string,
    opStart: number,
    opEnd: number,
    parent: number,
    pipedFrom: number,
  ): Builder['command'] => {
    const command = { words: [], redirects: [], op, opStart, opEnd, parent, pipedFrom };
    commands.push(command);
    return command;
  };
  let current: Builder = {
    command: newCommand('', 0, 0, -1, -1),
    index: 0,
    word: '',
    wordStart: -1,
    pendingRedirect: '',
    closer: '',
    substitutionStart: 0,
    substitutionKind: undefined,
    inDouble: false,
  };
  let inDouble = false;

  const appendToWord = (chars: string, at: number): void => {
    if (current.wordStart < 0) current.wordStart = at;
    current.word += chars;
  };
  const endWord = (at: number): void => {
    if (current.wordStart < 0) return;
    const word: ShellWord = { text: current.word, start: current.wordStart, end: at };
    if (current.pendingRedirect !== '') {
      current.command.redirects.push({ op: current.pendingRedirect, target: word });
      current.pendingRedirect = '';
    } else current.command.words.push(word);
    current.word = '';
    current.wordStart = -1;
  };
  const separate = (op: string, opStart: number, opEnd: number): void => {
    endWord(opStart);
    const piped = op === '|' || op === '|&';
    current.command = newCommand(op, opStart, opEnd, current.command.parent, piped ? current.index : -1);
    current.index = commands.length - 1;
    current.pendingRedirect = '';
  };
  const open = (kind: Substitution['kind'], at: number, width: number): void => {
    if (current.wordStart < 0) current.wordStart = at;
    const parent = current.index;
    stack.push(current);
    current = {
      command: newCommand('', at, at + width, parent, -1),
      index: commands.length - 1,
      word: '',
      wordStart: -1,
      pendingRedirect: '',
      closer: kind === '`' ? '`' : ')',
      substitutionStart: at,
      substitutionKind: kind,
      inDouble,
    };
    inDouble = false;
  };
  const close = (at: number, width: number): void => {
    endWord(at);
    const outer = stack.pop()!;
    substitutions.push({
      start: current.substitutionStart,
      end: at + width,
      kind: current.substitutionKind!,
    });
    inDouble = current.inDouble;
    const written = text.slice(current.substitutionStart, at + width);
    current = outer;
    appendToWord(written, at);
  };

  let i = 0;
  while (i < text.length) {
    const cu = text.charCodeAt(i);
    const depthOk = stack.length < MAX_DEPTH;
    if (inDouble) {
      if (cu === 0x22) {
        inDouble = false;
        i++;
      } else if (cu === 0x5c && i + 1 < text.length) {
        const next = text[i + 1]!;
        appendToWord('$`"\\\n'.includes(next) ? next : `\\${next}`, i);
        i += 2;
      } else if (
        cu === 0x24 &&
        text.charCodeAt(i + 1) === 0x28 &&
        text.charCodeAt(i + 2) !== 0x28 &&
        depthOk
      ) {
        open('$(', i, 2);
        i += 2;
      } else if (cu === 0x60 && current.closer === '`') {
        close(i, 1);
        i++;
      } else if (cu === 0x60 && depthOk) {
        open('`', i, 1);
        i++;
      } else {
        appendToWord(text[i]!, i);
        i++;
      }
      continue;
    }
    if (isBlank(cu)) {
      endWord(i);
      i++;
      continue;
    }
    if (cu === 0x0a || cu === 0x0d) {
      separate('\n', i, i + 1);
      i++;
      continue;
    }
    if (cu === 0x23 && current.wordStart < 0) {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? text.length : newline;
      continue;
    }
    if (cu === 0x27) {
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? text.length : end;
      if (current.wordStart < 0) current.wordStart = i;
      current.word += text.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (cu === 0x22) {
      if (current.wordStart < 0) current.wordStart = i;
      inDouble = true;
      i++;
      continue;
    }
    if (cu === 0x5c) {
      if (text.charCodeAt(i + 1) === 0x0a) i += 2;
      else {
        if (i + 1 < text.length) appendToWord(text[i + 1]!, i);
        i += 2;
      }
      continue;
    }
    if (cu === 0x24 && text.charCodeAt(i + 1) === 0x28 && text.charCodeAt(i + 2) !== 0x28 && depthOk) {
      open('$(', i, 2);
      i += 2;
      continue;
    }
    if (cu === 0x60) {
      if (current.closer === '`') close(i, 1);
      else if (depthOk) open('`', i, 1);
      else appendToWord('`', i);
      i++;
      continue;
    }
    if ((cu === 0x3c || cu === 0x3e) && text.charCodeAt(i + 1) === 0x28 && depthOk) {
      open(cu === 0x3c ? '<(' : '>(', i, 2);
      i += 2;
      continue;
    }
    if (cu === 0x29) {
      if (current.closer === ')') close(i, 1);
      else separate(')', i, i + 1);
      i++;
      continue;
    }
    if (cu === 0x28) {
      separate('(', i, i + 1);
      i++;
      continue;
    }
    if (cu === 0x3b || cu === 0x26 || cu === 0x7c) {
      const next = text.charCodeAt(i + 1);
      if (cu === 0x26 && next === 0x3e) {
        // &> and &>> redirect both streams.
        endWord(i);
        const width = text.charCodeAt(i + 2) === 0x3e ? 3 : 2;
        current.pendingRedirect = text.slice(i, i + width);
        i += width;
        continue;
      }
      const double = next === cu || (cu === 0x7c && next === 0x26);
      const op = double ? text.slice(i, i + 2) : text[i]!;
      separate(op, i, i + op.length);
      i += op.length;
      continue;
    }
    if (cu === 0x3e || cu === 0x3c) {
      // A word made only of digits just before is the file descriptor, not an argument.
      if (current.wordStart >= 0 && isDescriptor(current.word)) {
        current.word = '';
        current.wordStart = -1;
      }
      endWord(i);
      let j = i + 1;
      while (
        j < text.length &&
        j - i < 3 &&
        (text.charCodeAt(j) === 0x3e || text.charCodeAt(j) === 0x3c || text.charCodeAt(j) === 0x7c)
      )
        j++;
      const op = text.slice(i, j);
      if (text.charCodeAt(j) === 0x26) {
        // >&2, 2>&1: duplicating a descriptor has no file target.
        j++;
        while (
          j < text.length &&
          ((text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) || text.charCodeAt(j) === 0x2d)
        )
          j++;
        i = j;
        continue;
      }
      current.pendingRedirect = op;
      i = j;
      continue;
    }
    appendToWord(text[i]!, i);
    i++;
  }
  endWord(text.length);
  while (stack.length > 0) close(text.length, 0);
  return { commands, substitutions };
}
