import type { Suite, SuiteOptions, SuiteReport } from '../lib/report.js';
import { appendSection, measureAppend } from './append.js';
import { type Dataset, datasetSection, loadDataset } from './dataset.js';
import { type BenchEngine, ENGINE_IDS, ENGINE_LABELS, type EngineId, openEngine } from './engines.js';
import { latencySection, measureLatency } from './latency.js';
import { measureQueries, queriesSection } from './queries.js';
import { type LedgerSettings, ledgerSettings } from './settings.js';
import { type EngineResults, ledgerTargetsSection } from './targets.js';
import type { StoreRow } from './units.js';
import { measureVerify, verifySection } from './verify.js';

const ID = 'ledger';
const TITLE = 'ledger — risk-event ledger (logRiskEvent, verify, queries)';

type Log = (message: string) => void;

interface EngineRun extends EngineResults {
  readonly dataset: Dataset | string;
  readonly configuration: string | undefined;
}

function notMeasured(error: unknown): string {
  return `not measured: ${error instanceof Error ? error.message : String(error)}`;
}

/** Runs `step`; a failure becomes the text its table rows show (and its stack goes to the log). */
async function attempt<T>(what: string, log: Log, step: () => Promise<T>): Promise<T | string> {
  try {
    return await step();
  } catch (error) {
    log(`  ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return notMeasured(error);
  }
}

/** Every measurement on one open store, in order; the data set is loaded once for queries and verify. */
async function measureEngine(engine: BenchEngine, settings: LedgerSettings, log: Log): Promise<EngineRun> {
  log(`${engine.label}: append throughput…`);
  const append = await attempt('append', log, () => measureAppend(engine, settings, log));
  log(`${engine.label}: acknowledgement latency…`);
  const latency = await attempt('latency', log, () => measureLatency(engine, settings));
  log(`${engine.label}: loading the query data set…`);
  const size = engine.id === 'postgres' ? settings.datasetEvents.postgres : settings.datasetEvents.pglite;
  const dataset = await attempt('data set', log, () => loadDataset(engine, size, settings.datasetDays, log));
  const base = {
    id: engine.id,
    label: engine.label,
    configuration: engine.configuration,
    append,
    latency,
    dataset,
  };
  if (typeof dataset === 'string') return { ...base, queries: dataset, verify: dataset };
  log(`${engine.label}: queries…`);
  const queries = await attempt('queries', log, () => measureQueries(engine, dataset, settings, log));
  log(`${engine.label}: verify…`);
  const verify = await attempt('verify', log, () => measureVerify(engine, dataset, settings, log));
  return { ...base, queries, verify };
}

/** Opens a fresh store, measures it, and always removes it again. */
async function runEngine(id: EngineId, settings: LedgerSettings, log: Log): Promise<EngineRun> {
  log(`${ENGINE_LABELS[id]}: opening…`);
  let engine: BenchEngine;
  try {
    engine = await openEngine(id);
  } catch (error) {
    log(`  could not open: ${notMeasured(error)}`);
    const reason = notMeasured(error);
    const label = ENGINE_LABELS[id];
    return {
      id,
      label,
      configuration: undefined,
      append: reason,
      latency: reason,
      dataset: reason,
      queries: reason,
      verify: reason,
    };
  }
  try {
    return await measureEngine(engine, settings, log);
  } finally {
    await engine.close();
  }
}

async function run({ quick, onSection, log }: SuiteOptions): Promise<SuiteReport> {
  const settings = ledgerSettings(quick);
  const runs: EngineRun[] = [];
  for (const id of ENGINE_IDS) runs.push(await runEngine(id, settings, log));

  const rows = <T>(pick: (r: EngineRun) => T | string): StoreRow<T>[] =>
    runs.map((r) => ({ label: r.label, result: pick(r) }));
  const configurations = runs.flatMap((r) =>
    r.configuration === undefined ? [] : [`${r.label}: ${r.configuration}.`],
  );
  const sections = [
    ledgerTargetsSection(runs),
    appendSection(
      rows((r) => r.append),
      configurations,
    ),
    latencySection(
      rows((r) => r.latency),
      settings,
    ),
    datasetSection(
      rows((r) => r.dataset),
      settings,
      quick,
    ),
    queriesSection(
      rows((r) => r.queries),
      settings,
    ),
    verifySection(rows((r) => r.verify)),
  ];
  for (const section of sections) onSection(section);
  return { id: ID, title: TITLE, sections };
}

export const ledgerSuite: Suite = { id: ID, title: TITLE, run };
