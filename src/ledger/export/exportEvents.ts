import { parseRiskEvent } from '../eventCheck.js';
import type { StoredEvent } from '../store/tenantReader.js';
import { type ExportCursor, loadExportCursor, saveExportCursor } from './exportCursor.js';
import { toOcsfDetectionFinding } from './ocsf.js';
import type { FindingSink } from './sinks.js';

/** What an export reads: the tenants and each tenant's events in seq order. */
export interface ExportSource {
  listTenants(): Promise<string[]>;
  readEvents(tenantId: string, options: { fromSeq: number }): AsyncIterable<StoredEvent>;
}

export interface ExportOptions {
  readonly source: ExportSource;
  readonly sink: FindingSink;
  /** The durable cursor file; without one every run starts from the beginning. */
  readonly cursorFile?: string;
  /** Only these tenants (default: all). */
  readonly tenants?: readonly string[];
  readonly batchSize?: number;
  /** The maestro version written into each finding's metadata. */
  readonly productVersion: string;
  readonly onBatch?: (progress: { tenantId: string; exported: number }) => void;
}

export interface ExportReport {
  readonly exported: number;
  readonly tenants: number;
  readonly cursor: ExportCursor;
}

/**
 * Sends every event after the cursor to the sink as OCSF Detection Findings, tenant by tenant in
 * seq order, and moves the cursor only past batches the sink has confirmed. Stops at the first
 * failure (ERR_EXPORT_FAILED) with the cursor where the last confirmed batch left it, so the next
 * run resumes there.
 */
export async function exportRiskEvents(options: ExportOptions): Promise<ExportReport> {
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 500, 10_000));
  const tenants = options.tenants ?? (await options.source.listTenants());
  const positions: Record<string, number> = options.cursorFile
    ? { ...(await loadExportCursor(options.cursorFile)).tenants }
    : {};
  const save = async () => {
    if (options.cursorFile) await saveExportCursor(options.cursorFile, { tenants: positions });
  };
  let exported = 0;
  for (const tenantId of tenants) {
    let lines: string[] = [];
    let next = positions[tenantId] ?? 0;
    const flush = async () => {
      if (lines.length === 0) return;
      await options.sink.write(lines);
      exported += lines.length;
      positions[tenantId] = next;
      lines = [];
      await save();
      options.onBatch?.({ tenantId, exported });
    };
    for await (const row of options.source.readEvents(tenantId, { fromSeq: next })) {
      const event = parseRiskEvent(JSON.parse(row.body));
      lines.push(JSON.stringify(toOcsfDetectionFinding(event, { version: options.productVersion })));
      next = row.seq + 1;
      if (lines.length >= batchSize) await flush();
    }
    await flush();
  }
  return { exported, tenants: tenants.length, cursor: { tenants: positions } };
}
