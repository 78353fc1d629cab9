import { matchSegments } from './globMatch.js';

interface IgnoreRule {
  /** The directory of the .gitignore, relative to the root ('' for the root). */
  readonly base: string;
  readonly segments: readonly string[];
  readonly negate: boolean;
  readonly directoryOnly: boolean;
}

export interface GitIgnore {
  /** Adds the rules of the .gitignore in directory `base` (relative, '' for the root). */
  add(base: string, text: string): void;
  /** Whether git would ignore the path (relative, `/`-separated); `directory` for directories. */
  ignores(path: string, directory: boolean): boolean;
}

/** Parses one .gitignore line into a rule, or undefined for blanks and comments. */
function parseLine(base: string, raw: string): IgnoreRule | undefined {
  let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  // Trailing spaces are ignored unless escaped.
  while (line.endsWith(' ') && !line.endsWith('\\ ')) line = line.slice(0, -1);
  if (line === '' || line.startsWith('#')) return undefined;
  let negate = false;
  if (line.startsWith('!')) {
    negate = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
  const directoryOnly = line.endsWith('/');
  if (directoryOnly) line = line.slice(0, -1);
  // A slash at the start or in the middle anchors the pattern to the .gitignore's directory.
  const anchored = line.includes('/');
  if (line.startsWith('/')) line = line.slice(1);
  if (line === '') return undefined;
  const segments = line.split('/').filter((s) => s !== '');
  return { base, segments: anchored ? segments : ['**', ...segments], negate, directoryOnly };
}

/**
 * The ignore rules of a repository's .gitignore files: the last matching rule wins, `!`
 * re-includes, a trailing `/` matches directories only, a slash anchors to the file's directory.
 * Matching is by segments with a linear wildcard matcher (see globMatch), so a hostile
 * .gitignore cannot make the review slow.
 */
export function createGitIgnore(): GitIgnore {
  const rules: IgnoreRule[] = [];
  return {
    add(base, text) {
      for (const line of text.split('\n').slice(0, 10_000)) {
        const rule = parseLine(base, line.slice(0, 4096));
        if (rule !== undefined) rules.push(rule);
      }
    },
    ignores(path, directory) {
      const segments = path.split('/');
      // Ignored when the path or any of its parent directories is.
      for (let end = 1; end <= segments.length; end++) {
        const prefix = segments.slice(0, end);
        const isDirectory = end < segments.length || directory;
        let ignored = false;
        for (const rule of rules) {
          if (rule.directoryOnly && !isDirectory) continue;
          const baseSegments = rule.base === '' ? [] : rule.base.split('/');
          if (baseSegments.some((s, i) => prefix[i] !== s)) continue;
          if (matchSegments(rule.segments, prefix.slice(baseSegments.length))) ignored = !rule.negate;
        }
        if (ignored) return true;
      }
      return false;
    },
  };
}
