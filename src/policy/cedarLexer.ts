/**
 * Just enough of Cedar's lexical structure to cut files into pieces without parsing them:
 * whitespace, `//` comments and string literals (`"…"` with backslash escapes). Cedar has no
 * other comment or quote forms, so a `;`, `{` or `}` outside these is structure.
 */

/** Index of the first character at or after `index` that is not whitespace or inside a comment. */
export function skipTrivia(text: string, index: number): number {
  let i = index;
  while (i < text.length) {
    const char = text.charCodeAt(i);
    if (char === 32 || char === 9 || char === 10 || char === 13 || char === 0xfeff) {
      i++;
    } else if (char === 47 && text.charCodeAt(i + 1) === 47) {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? text.length : newline + 1;
    } else {
      break;
    }
  }
  return i;
}

/** Index just after the string literal that opens at `index` (a `"`), or -1 when it never closes. */
export function skipString(text: string, index: number): number {
  for (let i = index + 1; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 92) i++;
    else if (char === 34) return i + 1;
  }
  return -1;
}

/**
 * Index just after the next `target` character at bracket depth 0 from `index`, skipping strings
 * and comments; -1 when there is none or the brackets do not balance.
 */
export function scanTo(text: string, index: number, target: string): number {
  let depth = 0;
  let i = index;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      i = skipString(text, i);
      if (i < 0) return -1;
      continue;
    }
    if (char === '/' && text[i + 1] === '/') {
      i = skipTrivia(text, i);
      continue;
    }
    if (depth === 0 && char === target) return i + 1;
    if (char === '{' || char === '[' || char === '(') depth++;
    else if (char === '}' || char === ']' || char === ')') {
      depth--;
      if (depth < 0) return -1;
    }
    i++;
  }
  return -1;
}
