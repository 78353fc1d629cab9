/** Where a text came from. Indirect sources carry data, never orders. */
export const SOURCES = ['user', 'retrieval', 'tool', 'agent', 'system'] as const;
export type Source = (typeof SOURCES)[number];

const INDIRECT: ReadonlySet<Source> = new Set<Source>(['retrieval', 'tool', 'agent']);

/** True for text that reached the model as data (documents, tool results, other agents). */
export function isIndirectSource(source: Source): boolean {
  return INDIRECT.has(source);
}
