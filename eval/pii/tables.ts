import { fixed, MISSING, milliseconds } from '../lib/format.js';
import { f1, precision, recall } from '../lib/metrics.js';
import type { Table } from '../lib/table.js';
import { EVAL_ENTITIES, type EvalEntity, TARGET_ENTITIES, TARGET_F1 } from './mapping.js';
import type { DetectorResult } from './run.js';
import { MIN_OVERLAP, type SpanCounts } from './score.js';

function supports(result: DetectorResult, entity: EvalEntity): boolean {
  return result.detector.supports.includes(entity);
}

function f1Of(result: DetectorResult, entity: EvalEntity): number | undefined {
  return supports(result, entity) ? f1(result.scorer.of(entity)) : undefined;
}

export function detectorsTable(results: readonly DetectorResult[]): Table {
  return {
    title: 'PII detectors compared',
    columns: [{ header: 'detector' }, { header: 'configuration' }],
    rows: results.map((r) => [r.detector.name, r.detector.description]),
  };
}

const NOTES: Partial<Record<EvalEntity, string>> = {
  DATE_TIME: ' (maestro: dates of birth only)',
  STREET_ADDRESS: ' (openai: LOCATION)',
};

export function perEntityTable(results: readonly DetectorResult[], rows: number): Table {
  const body: string[][] = [];
  for (const entity of EVAL_ENTITIES) {
    for (const result of results) {
      const c: SpanCounts = result.scorer.of(entity);
      if (!supports(result, entity)) {
        body.push([entity, String(c.gold), result.detector.name, 'not supported', '', '', '', '']);
        continue;
      }
      body.push([
        entity,
        String(c.gold),
        result.detector.name,
        String(c.predicted),
        String(c.tp),
        fixed(precision(c)),
        fixed(recall(c)),
        fixed(f1(c)),
      ]);
    }
  }
  return {
    title: `Per entity type, span overlap ≥ ${MIN_OVERLAP * 100} % (${rows} rows)`,
    columns: [
      { header: 'entity' },
      { header: 'gold', align: 'right' },
      { header: 'detector' },
      { header: 'predicted', align: 'right' },
      { header: 'TP', align: 'right' },
      { header: 'precision', align: 'right' },
      { header: 'recall', align: 'right' },
      { header: 'F1', align: 'right' },
    ],
    rows: body,
    note:
      'A prediction counts when it overlaps a gold span of the same type by at least half of the longer of the two; ' +
      'matching is one-to-one. Other dataset types (ORGANIZATION, GPE, NRP, TITLE, …) are not scored. ' +
      Object.entries(NOTES)
        .map(([entity, note]) => `${entity}${note}.`)
        .join(' '),
  };
}

export interface TargetRow {
  readonly entity: EvalEntity;
  readonly own: number | undefined;
  readonly bestPeer: { readonly name: string; readonly f1: number | undefined } | undefined;
  readonly pass: boolean;
}

export function targetRows(maestro: DetectorResult, peers: readonly DetectorResult[]): TargetRow[] {
  return TARGET_ENTITIES.map((entity) => {
    const own = f1Of(maestro, entity);
    let bestPeer: TargetRow['bestPeer'];
    for (const peer of peers) {
      if (!supports(peer, entity)) continue;
      const value = f1Of(peer, entity);
      if (!bestPeer || (value ?? -1) > (bestPeer.f1 ?? -1))
        bestPeer = { name: peer.detector.name, f1: value };
    }
    const aboveTarget = own !== undefined && own >= TARGET_F1;
    const abovePeers = own !== undefined && (bestPeer?.f1 === undefined || own > bestPeer.f1);
    return { entity, own, bestPeer, pass: aboveTarget && abovePeers };
  });
}

export function targetsTable(rows: readonly TargetRow[]): Table {
  return {
    title: `Targets: F1 ≥ ${TARGET_F1.toFixed(2)} and above every peer`,
    columns: [
      { header: 'entity' },
      { header: 'maestro F1', align: 'right' },
      { header: 'best peer F1', align: 'right' },
      { header: 'best peer' },
      { header: 'result' },
    ],
    rows: rows.map((r) => [
      r.entity,
      fixed(r.own),
      r.bestPeer ? fixed(r.bestPeer.f1) : MISSING,
      r.bestPeer?.name ?? 'no peer supports it',
      r.pass ? 'PASS' : r.own !== undefined && r.own === r.bestPeer?.f1 ? 'MISS (tie)' : 'MISS',
    ]),
    note:
      'A peer that does not support an entity is left out of that row. "Above every peer" is strict: a tie, even at ' +
      '1.000, is a MISS.',
  };
}

export function latencyTable(results: readonly DetectorResult[]): Table {
  return {
    title: 'Latency per text (ms, one call per row after a warm-up)',
    columns: [
      { header: 'detector' },
      { header: 'rows', align: 'right' },
      { header: 'mean', align: 'right' },
      { header: 'p50', align: 'right' },
      { header: 'p95', align: 'right' },
      { header: 'errors', align: 'right' },
    ],
    rows: results.map((r) => [
      r.detector.name,
      String(r.latency.n),
      milliseconds(r.latency.mean),
      milliseconds(r.latency.p50),
      milliseconds(r.latency.p95),
      String(r.errors),
    ]),
  };
}
