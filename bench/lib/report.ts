import { renderMarkdown, renderText, type Table } from './table.js';

/** One titled table with the notes a reader needs to interpret it. */
export interface Section {
  readonly title: string;
  /** What was measured and how, in a sentence or two. */
  readonly description?: string;
  readonly table: Table;
  readonly notes?: readonly string[];
}

/** What a suite hands back to the dispatcher. */
export interface SuiteReport {
  readonly id: string;
  readonly title: string;
  readonly sections: readonly Section[];
}

export interface SuiteOptions {
  readonly quick: boolean;
  /** Called as each section finishes, so progress shows while a long suite runs. */
  readonly onSection: (section: Section) => void;
  readonly log: (message: string) => void;
}

export interface Suite {
  readonly id: string;
  readonly title: string;
  run(options: SuiteOptions): Promise<SuiteReport>;
}

export function sectionText(section: Section): string {
  const parts = [`\n${section.title}`, '='.repeat([...section.title].length)];
  if (section.description) parts.push(section.description);
  parts.push('', renderText(section.table));
  for (const note of section.notes ?? []) parts.push(`  · ${note}`);
  return parts.join('\n');
}

export function sectionMarkdown(section: Section): string {
  const parts = [`### ${section.title}`, ''];
  if (section.description) parts.push(section.description, '');
  parts.push(renderMarkdown(section.table));
  if (section.notes && section.notes.length > 0) {
    parts.push('');
    for (const note of section.notes) parts.push(`- ${note}`);
  }
  return parts.join('\n');
}
