import type { Source } from '../../src/core/index.js';
import type { InjectionRow } from './rows.js';

/**
 * Which `source` a row is scanned as. Rows whose kind ends with `-document` (bipia-*, selfinstruct-t0;
 * both labels occur) are documents a retrieval or tool step would deliver, so they are scanned as
 * `retrieval`; every other row is something a person typed, scanned as `user`. The label is never
 * consulted.
 */
export function scanSourceFor(row: Pick<InjectionRow, 'kind'>): Source {
  return row.kind.endsWith('-document') ? 'retrieval' : 'user';
}

/** The attack families the targets compare on. */
export const FAMILIES = ['direct', 'jailbreak', 'indirect'] as const;
export type Family = (typeof FAMILIES)[number];

/** `direct`; every `jailbreak*` kind; every `indirect*` kind. Other kinds belong to no family. */
export function familyOf(kind: string): Family | undefined {
  if (kind === 'direct') return 'direct';
  if (kind.startsWith('jailbreak')) return 'jailbreak';
  if (kind.startsWith('indirect')) return 'indirect';
  return undefined;
}

export function familyLabel(family: Family): string {
  return family === 'direct' ? 'direct' : `${family}*`;
}
