import { open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ExportFailedError } from './sinks.js';

/**
 * Where an export stopped: per tenant, the seq of the next event to send. Saved after every batch
 * the sink has confirmed, by write-to-temporary, fsync, rename and directory fsync, so a crash
 * leaves either the old cursor or the new one, never a torn file. Delivery is at least once: a
 * crash between a confirmed batch and its cursor save sends that batch again (finding uids are
 * the event ids, so a SIEM can drop the duplicates).
 */
export interface ExportCursor {
  readonly tenants: Readonly<Record<string, number>>;
}

const cursorFileSchema = z.strictObject({
  v: z.literal(1),
  tenants: z.record(z.string().min(1).max(128), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)),
});

export async function loadExportCursor(path: string): Promise<ExportCursor> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { tenants: {} };
    throw new ExportFailedError('The export cursor file cannot be read.', error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ExportFailedError('The export cursor file is not valid JSON; fix or remove it.', error);
  }
  const result = cursorFileSchema.safeParse(parsed);
  // Refuse rather than restart from zero: a silently reset cursor re-sends the whole ledger.
  if (!result.success) throw new ExportFailedError('The export cursor file is not a maestro export cursor.');
  return { tenants: result.data.tenants };
}

export async function saveExportCursor(path: string, cursor: ExportCursor): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify({ v: 1, tenants: cursor.tenants })}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
