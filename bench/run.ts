import { commandLine, parseBenchArgs, USAGE } from './lib/args.js';
import { writeReport } from './lib/doc.js';
import { currentLoadAverage, describeMachine, machineLines } from './lib/machine.js';
import { type SuiteReport, sectionText } from './lib/report.js';
import { SUITES } from './suites.js';

/** `npm run bench`: runs the chosen suites, prints their tables and writes docs/bench.md. */
async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const args = parseBenchArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const ids = args.suites.length > 0 ? args.suites : Object.keys(SUITES);
  const unknown = ids.filter((id) => !(id in SUITES));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown suite: ${unknown.join(', ')}. Known: ${Object.keys(SUITES).join(', ')}\n`);
    return 2;
  }
  const machine = describeMachine();
  const date = new Date();
  const command = commandLine(argv);
  process.stdout.write(`maestro bench — ${date.toISOString()}${args.quick ? ' (quick)' : ''}\n`);
  for (const line of machineLines(machine)) process.stdout.write(`${line}\n`);

  const reports: SuiteReport[] = [];
  let failed = false;
  for (const id of ids) {
    const load = SUITES[id];
    if (!load) continue;
    const suite = await load();
    process.stdout.write(`\n## ${suite.title}\n`);
    const started = Date.now();
    try {
      reports.push(
        await suite.run({
          quick: args.quick,
          onSection: (section) => process.stdout.write(`${sectionText(section)}\n`),
          log: (message) =>
            process.stderr.write(`[${id} +${((Date.now() - started) / 1000).toFixed(1)} s] ${message}\n`),
        }),
      );
      process.stdout.write(`\n${suite.id} suite took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      failed = true;
      process.stderr.write(
        `[${id}] suite failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
  }
  const loadAtEnd = currentLoadAverage();
  process.stdout.write(`\nLoad average (1 min) at end: ${loadAtEnd.toFixed(2)}\n`);
  if (args.out && reports.length > 0) {
    writeReport(args.out, reports, { date, command, machine, quick: args.quick, loadAtEnd });
    process.stdout.write(`\nWrote ${args.out}\n`);
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
