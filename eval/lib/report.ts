import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * docs/eval.md is generated. Each suite owns one block between markers, so running a single suite
 * rewrites its block and the header and keeps the other suites' blocks as they were.
 */

const start = (suite: string): string => `<!-- suite:${suite} -->`;
const end = (suite: string): string => `<!-- /suite:${suite} -->`;

/** The existing blocks of a generated document, by suite name, in document order. */
export function readBlocks(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>();
  const pattern = /<!-- suite:([\w-]+) -->\n([\s\S]*?)\n<!-- \/suite:\1 -->/g;
  for (const match of markdown.matchAll(pattern)) blocks.set(match[1]!, match[2]!);
  return blocks;
}

export function composeDocument(header: string, blocks: ReadonlyMap<string, string>): string {
  const parts = [header.trimEnd()];
  for (const [suite, body] of blocks) parts.push(`${start(suite)}\n${body.trimEnd()}\n${end(suite)}`);
  return `${parts.join('\n\n')}\n`;
}

/** Replaces (or appends) the given suites' blocks in `file` and rewrites the header. */
export function writeReport(file: string, header: string, updates: ReadonlyMap<string, string>): void {
  const blocks = existsSync(file) ? readBlocks(readFileSync(file, 'utf8')) : new Map<string, string>();
  for (const [suite, body] of updates) blocks.set(suite, body);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, composeDocument(header, blocks));
}
