import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaestroError } from '../../errors/index.js';
import type { RiskEvent } from '../eventSchema.js';
import type { StoredEvent } from '../store/tenantReader.js';
import { loadExportCursor, saveExportCursor } from './exportCursor.js';
import { type ExportSource, exportRiskEvents } from './exportEvents.js';
import { type FindingSink, fileSink, httpSink } from './sinks.js';

const dir = mkdtempSync(join(tmpdir(), 'maestro-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ULID_CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function eventAt(tenantId: string, seq: number): RiskEvent {
  const id = `01JD8X3N4Q${String(seq).padStart(16, '0')}`.replace(/[^0-9A-Z]/g, '0');
  expect([...id].every((c) => ULID_CHARS.includes(c))).toBe(true);
  return {
    v: 1,
    id: `${id.slice(0, 10)}${tenantId === 'a' ? 'A' : 'B'}${id.slice(11)}`,
    tenantId,
    seq,
    time: new Date(Date.UTC(2026, 10, 23, 10, 0, seq)).toISOString(),
    type: 'injection',
    lane: 'block',
    severity: 'high',
    detector: 'rules:test',
    refs: {},
    actor: null,
    preview: `event ${seq}`,
    payloadHash: null,
    attributes: {},
    traceId: null,
    spanId: null,
  };
}

function memorySource(counts: Record<string, number>): ExportSource {
  return {
    async listTenants() {
      return Object.keys(counts);
    },
    async *readEvents(tenantId, { fromSeq }) {
      for (let seq = fromSeq; seq < (counts[tenantId] ?? 0); seq++) {
        const event = eventAt(tenantId, seq);
        const stored: StoredEvent = {
          tenantId,
          seq,
          id: event.id,
          time: new Date(event.time),
          body: JSON.stringify(event),
          leafHash: Buffer.alloc(32),
          chainHash: Buffer.alloc(32),
          columns: {
            type: event.type,
            lane: 'block',
            severity: 'high',
            detector: 'rules:test',
            traceId: null,
            spanId: null,
          },
        };
        yield stored;
      }
    },
  };
}

function collectingSink(failOnBatch?: number): FindingSink & { lines: string[]; batches: number } {
  const sink = {
    name: 'memory',
    lines: [] as string[],
    batches: 0,
    async write(lines: readonly string[]) {
      sink.batches++;
      if (sink.batches === failOnBatch) throw new Error('collector down');
      sink.lines.push(...lines);
    },
    async close() {},
  };
  return sink;
}

describe('exportRiskEvents', () => {
  it('sends every event of every tenant as OCSF, in seq order, and records where it stopped', async () => {
    const sink = collectingSink();
    const cursorFile = join(dir, 'all.cursor.json');
    const report = await exportRiskEvents({
      source: memorySource({ a: 7, b: 3 }),
      sink,
      cursorFile,
      batchSize: 3,
      productVersion: '0.1.0',
    });
    expect(report.exported).toBe(10);
    expect(sink.lines.map((l) => JSON.parse(l).unmapped.maestro.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 0, 1, 2]);
    expect((await loadExportCursor(cursorFile)).tenants).toEqual({ a: 7, b: 3 });
    // A second run has nothing new to send.
    const again = collectingSink();
    await exportRiskEvents({
      source: memorySource({ a: 7, b: 3 }),
      sink: again,
      cursorFile,
      productVersion: '0.1.0',
    });
    expect(again.lines).toEqual([]);
  });

  it('a failed batch leaves the cursor after the last confirmed one, and the next run resumes there', async () => {
    const cursorFile = join(dir, 'resume.cursor.json');
    const failing = collectingSink(3);
    await expect(
      exportRiskEvents({
        source: memorySource({ a: 10 }),
        sink: failing,
        cursorFile,
        batchSize: 2,
        productVersion: '0',
      }),
    ).rejects.toThrow('collector down');
    expect((await loadExportCursor(cursorFile)).tenants).toEqual({ a: 4 });
    const resumed = collectingSink();
    await exportRiskEvents({
      source: memorySource({ a: 10 }),
      sink: resumed,
      cursorFile,
      batchSize: 2,
      productVersion: '0',
    });
    const seqs = [...failing.lines, ...resumed.lines].map((l) => JSON.parse(l).unmapped.maestro.seq);
    expect(seqs).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('refuses a corrupt cursor file instead of silently starting over', async () => {
    const cursorFile = join(dir, 'corrupt.cursor.json');
    writeFileSync(cursorFile, '{"v":1,"tenants":{"a":-1}}');
    await expect(loadExportCursor(cursorFile)).rejects.toMatchObject({ code: 'ERR_EXPORT_FAILED' });
    writeFileSync(cursorFile, 'not json');
    await expect(loadExportCursor(cursorFile)).rejects.toMatchObject({ code: 'ERR_EXPORT_FAILED' });
    expect((await loadExportCursor(join(dir, 'missing.json'))).tenants).toEqual({});
    await saveExportCursor(cursorFile, { tenants: { a: 5 } });
    expect(JSON.parse(readFileSync(cursorFile, 'utf8'))).toEqual({ v: 1, tenants: { a: 5 } });
  });

  it('file sink appends NDJSON', async () => {
    const path = join(dir, 'out.ndjson');
    const sink = await fileSink(path);
    await exportRiskEvents({ source: memorySource({ a: 2 }), sink, productVersion: '0' });
    await sink.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).class_uid)).toEqual([2004, 2004]);
  });
});

describe('httpSink against a real HTTP server on loopback', () => {
  let server: Server;
  let base: string;
  const received: Array<{ status: number; body: string; auth: string | undefined }> = [];
  let plan: number[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      req.on('end', () => {
        const status = plan.shift() ?? 200;
        received.push({ status, body, auth: req.headers.authorization });
        if (status === 0) return; // never answer: the client must time out
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('delivers NDJSON with the configured headers', async () => {
    received.length = 0;
    plan = [200];
    const sink = httpSink({ url: `${base}/ingest`, headers: { authorization: 'Bearer t0ken' } });
    await sink.write(['{"a":1}', '{"b":2}']);
    expect(received).toEqual([{ status: 200, body: '{"a":1}\n{"b":2}\n', auth: 'Bearer t0ken' }]);
  });

  it('retries 503, 429 and timeouts, then succeeds', async () => {
    received.length = 0;
    plan = [503, 429, 0, 200];
    const sink = httpSink({ url: `${base}/ingest`, timeoutMs: 200, initialDelayMs: 5, maxDelayMs: 20 });
    await sink.write(['{"a":1}']);
    expect(received.map((r) => r.status)).toEqual([503, 429, 0, 200]);
  });

  it('fails at once on a 4xx that will not change, and says so without credentials', async () => {
    received.length = 0;
    plan = [400];
    const sink = httpSink({ url: `http://user:pa55word@127.0.0.1:${new URL(base).port}/ingest?key=sekret` });
    const error = await sink.write(['{}']).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MaestroError);
    expect((error as MaestroError).code).toBe('ERR_EXPORT_FAILED');
    expect((error as Error).message).toContain('HTTP 400');
    expect((error as Error).message).not.toMatch(/pa55word|sekret|user:/);
    expect(received).toHaveLength(1);
    expect(received[0]!.auth).toBe(`Basic ${Buffer.from('user:pa55word').toString('base64')}`);
  });

  it('gives up after the attempts are spent', async () => {
    received.length = 0;
    plan = [500, 500, 500];
    const sink = httpSink({ url: `${base}/ingest`, maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 10 });
    await expect(sink.write(['{}'])).rejects.toMatchObject({ code: 'ERR_EXPORT_FAILED' });
    expect(received).toHaveLength(3);
  });

  it('refuses URLs that are not http(s)', () => {
    expect(() => httpSink({ url: 'file:///etc/passwd' })).toThrow(/http/);
    expect(() => httpSink({ url: 'not a url' })).toThrow(/valid URL/);
  });
});
