import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { VERSION } from '../../core/version.js';
import { UsageError } from '../../errors/index.js';
import {
  checkInclusionProof,
  type FindingSink,
  fileSink,
  httpSink,
  type SignedTreeHead,
  signedTreeHeadSchema,
  streamSink,
} from '../../ledger/index.js';
import { eventTable, statsTable, verifyTable } from './formatEvents.js';
import { type LedgerLocation, withLedger } from './openLedger.js';

interface CommonOptions {
  dataDir?: string;
  databaseUrl?: string;
  format: string;
}

type Run = (code: Promise<number>) => void;

function location(o: CommonOptions): LedgerLocation {
  return {
    ...(o.dataDir === undefined ? {} : { dataDir: o.dataDir }),
    ...(o.databaseUrl === undefined ? {} : { databaseUrl: o.databaseUrl }),
  };
}

function format(o: CommonOptions): 'json' | 'table' {
  if (o.format !== 'json' && o.format !== 'table') throw new UsageError('--format must be json or table.');
  return o.format;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw new UsageError(`${name} must be a whole number.`);
  return Number(value);
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Heads from a JSON-lines file a witness kept (one SignedTreeHead per line). */
function readWitnessHeads(path: string): SignedTreeHead[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--witness: cannot read ${path}.`);
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new UsageError(`--witness: line ${index + 1} is not JSON.`);
      }
      const parsed = signedTreeHeadSchema.safeParse(value);
      if (!parsed.success) throw new UsageError(`--witness: line ${index + 1} is not a signed tree head.`);
      return parsed.data;
    });
}

async function openSink(to: string): Promise<FindingSink> {
  if (to === '-' || to === 'stdout') return streamSink(process.stdout);
  if (to.startsWith('https://') || to.startsWith('http://')) {
    const token = process.env['MAESTRO_EXPORT_TOKEN'];
    return httpSink({ url: to, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });
  }
  return fileSink(to.startsWith('file:') ? to.slice(5) : to);
}

function addCommon(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'maestro data directory (default MAESTRO_DATA_DIR or ./.maestro)')
    .option('--database-url <url>', 'PostgreSQL instead of the embedded store (default MAESTRO_DATABASE_URL)')
    .option('--format <format>', 'table or json', 'table');
}

interface LogCommandOptions extends CommonOptions {
  tenant: string;
  type: string;
  severity: string;
  detector: string;
  lane?: string;
  preview?: string;
  principal?: string;
  attributes?: string;
}

interface QueryCommandOptions extends CommonOptions {
  tenant: string;
  type?: string[];
  lane?: string[];
  from?: string;
  to?: string;
  trace?: string;
  limit?: string;
  cursor?: string;
  order: string;
}

interface StatsCommandOptions extends CommonOptions {
  tenant: string;
  from: string;
  to?: string;
  bucket: string;
}

interface VerifyCommandOptions extends CommonOptions {
  tenant?: string;
  witness?: string;
  trust?: string[];
}

interface ExportCommandOptions extends CommonOptions {
  to: string;
  cursorFile?: string;
  tenant?: string[];
  batch?: string;
}

/** `maestro ledger …`: the risk-event ledger from the command line. */
export function registerLedgerCommand(program: Command, run: Run): void {
  const ledger = program
    .command('ledger')
    .description('The tamper-evident risk-event ledger: log, query, stats, verify, prove, heads, export.');

  addCommon(ledger.command('log'))
    .description('Append one risk event (prints its id and seq once committed).')
    .requiredOption('--tenant <id>', 'tenant')
    .requiredOption('--type <type>', 'event type, e.g. injection')
    .requiredOption('--severity <severity>', 'info, low, medium, high or critical')
    .requiredOption('--detector <name>', 'what raised it')
    .option('--lane <lane>', 'auto, confirm or block')
    .option('--preview <text>', 'a short preview (redacted and cut to 80 characters before storage)')
    .option('--principal <name>', 'who acted')
    .option('--attributes <json>', 'a JSON object of bounded attributes')
    .action((o: LogCommandOptions) =>
      run(
        withLedger(location(o), async (l) => {
          let attributes: unknown;
          if (o.attributes !== undefined) {
            try {
              attributes = JSON.parse(o.attributes);
            } catch {
              throw new UsageError('--attributes must be a JSON object.');
            }
          }
          const ack = await l.logRiskEvent({
            tenantId: o.tenant,
            type: o.type,
            severity: o.severity,
            detector: o.detector,
            ...(o.lane === undefined ? {} : { lane: o.lane }),
            ...(o.preview === undefined ? {} : { preview: o.preview }),
            ...(o.principal === undefined ? {} : { actor: { principal: o.principal } }),
            ...(attributes === undefined ? {} : { attributes }),
          } as Parameters<typeof l.logRiskEvent>[0]);
          print(
            format(o) === 'json'
              ? JSON.stringify(ack)
              : `logged ${ack.id} as seq ${ack.seq} of ${ack.tenantId}`,
          );
          return 0;
        }),
      ),
    );

  addCommon(ledger.command('query'))
    .description("One page of a tenant's events, newest first; --cursor continues.")
    .requiredOption('--tenant <id>', 'tenant')
    .option('--type <type>', 'only this type (repeatable)', collect)
    .option('--lane <lane>', 'only this lane: auto, confirm, block, none (repeatable)', collect)
    .option('--from <time>', 'ISO-8601 start (inclusive)')
    .option('--to <time>', 'ISO-8601 end (exclusive)')
    .option('--trace <traceId>', 'only events of this trace')
    .option('--limit <n>', 'events per page (1–1000)', '50')
    .option('--cursor <cursor>', 'the nextCursor of the previous page')
    .option('--order <order>', 'desc (newest first) or asc', 'desc')
    .action((o: QueryCommandOptions) =>
      run(
        withLedger(location(o), async (l) => {
          const page = await l.queryRiskEvents({
            tenantId: o.tenant,
            ...(o.type === undefined ? {} : { types: o.type }),
            ...(o.lane === undefined ? {} : { lanes: o.lane }),
            ...(o.from === undefined ? {} : { from: o.from }),
            ...(o.to === undefined ? {} : { to: o.to }),
            ...(o.trace === undefined ? {} : { traceId: o.trace }),
            limit: integer('--limit', o.limit),
            ...(o.cursor === undefined ? {} : { cursor: o.cursor }),
            order: o.order,
          } as Parameters<typeof l.queryRiskEvents>[0]);
          if (format(o) === 'json') print(JSON.stringify(page));
          else {
            print(eventTable(page.events));
            if (page.nextCursor !== null) print(`\nmore: --cursor ${page.nextCursor}`);
          }
          return 0;
        }),
      ),
    );

  addCommon(ledger.command('stats'))
    .description('Counts by type and lane per time bucket, top detectors and injection spikes.')
    .requiredOption('--tenant <id>', 'tenant')
    .requiredOption('--from <time>', 'ISO-8601 start')
    .option('--to <time>', 'ISO-8601 end (default now)')
    .option('--bucket <width>', '1m, 5m, 15m, 1h, 6h or 1d', '1h')
    .action((o: StatsCommandOptions) =>
      run(
        withLedger(location(o), async (l) => {
          const stats = await l.getRiskStats({
            tenantId: o.tenant,
            from: o.from,
            to: o.to ?? new Date().toISOString(),
            bucket: o.bucket,
          } as Parameters<typeof l.getRiskStats>[0]);
          print(format(o) === 'json' ? JSON.stringify(stats) : statsTable(stats));
          return 0;
        }),
      ),
    );

  addCommon(ledger.command('verify'))
    .description(
      'Recompute every hash, the chain and the Merkle roots and check every signed head; exit 2 on tampering.',
    )
    .option('--tenant <id>', 'one tenant (default: all, through the audited cross-tenant path)')
    .option('--witness <file>', 'signed heads a witness kept (JSON lines from `maestro ledger heads`)')
    .option('--trust <pem-file>', 'another public key that may have signed heads (repeatable)', collect)
    .action((o: VerifyCommandOptions) =>
      run(
        withLedger(location(o), async (l) => {
          const witnessHeads = o.witness === undefined ? undefined : readWitnessHeads(o.witness);
          const result = await l.verify(o.tenant, witnessHeads === undefined ? {} : { witnessHeads });
          print(format(o) === 'json' ? JSON.stringify(result) : verifyTable(result.tenants));
          return result.ok ? 0 : 2;
        }),
      ),
    );

  addCommon(ledger.command('prove'))
    .description('Print an inclusion proof of one event that anyone can check with the public key alone.')
    .argument('<event-id>', 'the event id (ULID)')
    .requiredOption('--tenant <id>', 'tenant')
    .action((eventId: string, o: CommonOptions & { tenant: string }) =>
      run(
        withLedger(location(o), async (l) => {
          print(JSON.stringify(await l.proveEvent(o.tenant, eventId), null, format(o) === 'json' ? 0 : 2));
          return 0;
        }),
      ),
    );

  ledger
    .command('check-proof')
    .description(
      'Check an inclusion proof from `maestro ledger prove` against a public key (no store needed).',
    )
    .argument('<proof-file>', 'the proof JSON')
    .requiredOption('--public-key <pem-file>', "the ledger's Ed25519 public key (PEM)")
    .action((file: string, o: { publicKey: string }) =>
      run(
        (async () => {
          let bundle: unknown;
          let pem: string;
          try {
            bundle = JSON.parse(readFileSync(file, 'utf8'));
            pem = readFileSync(o.publicKey, 'utf8');
          } catch {
            throw new UsageError('Cannot read the proof (JSON) or the public key file.');
          }
          const check = checkInclusionProof(bundle, pem);
          print(check.ok ? 'valid: the event is in the signed tree' : `INVALID: ${check.reason}`);
          return check.ok ? 0 : 2;
        })(),
      ),
    );

  addCommon(ledger.command('heads'))
    .description('Export signed tree heads (JSON lines) for a witness to keep; --public-key prints the key.')
    .option('--tenant <id>', 'one tenant (default: all)')
    .option('--public-key', "print the ledger's public key (PEM) instead")
    .action((o: CommonOptions & { tenant?: string; publicKey?: boolean }) =>
      run(
        withLedger(location(o), async (l) => {
          if (o.publicKey === true) {
            process.stdout.write(l.publicKeyPem);
            return 0;
          }
          const tenants = o.tenant === undefined ? await l.listTenants() : [o.tenant];
          for (const tenant of tenants)
            for (const head of await l.readHeads(tenant)) print(JSON.stringify(head));
          return 0;
        }),
      ),
    );

  addCommon(ledger.command('export'))
    .description(
      'Export events as OCSF Detection Findings (JSON lines) to a file, stdout or an HTTP collector.',
    )
    .requiredOption(
      '--to <target>',
      'a file path, file:PATH, - for stdout, or an http(s):// URL (token: MAESTRO_EXPORT_TOKEN)',
    )
    .option('--cursor-file <file>', 'where the export stopped; the next run resumes there')
    .option('--tenant <id>', 'only this tenant (repeatable; default all)', collect)
    .option('--batch <n>', 'events per batch', '500')
    .action((o: ExportCommandOptions) =>
      run(
        withLedger(location(o), async (l) => {
          const sink = await openSink(o.to);
          try {
            const report = await l.exportRiskEvents({
              sink,
              productVersion: VERSION,
              batchSize: integer('--batch', o.batch) ?? 500,
              ...(o.cursorFile === undefined ? {} : { cursorFile: o.cursorFile }),
              ...(o.tenant === undefined ? {} : { tenants: o.tenant }),
            });
            process.stderr.write(`exported ${report.exported} events of ${report.tenants} tenants\n`);
          } finally {
            await sink.close();
          }
          return 0;
        }),
      ),
    );
}
