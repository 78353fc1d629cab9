import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SINKS, scanOutput } from '../../output/index.js';
import { securityScan } from '../../scan/index.js';
import { readJsonlLines, scanLineSchema } from '../scan/readJsonl.js';

const DEMO_FILE = fileURLToPath(new URL('../../../examples/scan-demo.jsonl', import.meta.url));
const OUTPUT_DEMO_FILE = fileURLToPath(new URL('../../../examples/output-demo.jsonl', import.meta.url));
const outputLine = z.object({ id: z.string(), sink: z.enum(SINKS), text: z.string() });

/**
 * `npm start` until the gateway exists: scans the shipped examples (benign prompts, direct and
 * indirect injections, encoded and multilingual attacks) and prints what each lane would be.
 */
export async function runDemo(): Promise<number> {
  process.stdout.write('maestro scan demo: every example goes through securityScan()\n\n');
  process.stdout.write(
    `${'id'.padEnd(28)} ${'source'.padEnd(10)} ${'lane'.padEnd(8)} ${'score'.padEnd(6)} reason\n`,
  );
  const counts = { auto: 0, confirm: 0, block: 0 };
  for await (const line of readJsonlLines(DEMO_FILE, scanLineSchema)) {
    if (!line.ok) continue;
    const item = line.value;
    const source = item.source ?? 'user';
    const result = securityScan(item.text, { source });
    counts[result.lane]++;
    process.stdout.write(
      `${item.id.padEnd(28)} ${source.padEnd(10)} ${result.lane.padEnd(8)} ${result.score.toFixed(2).padEnd(6)} ${result.reason}\n`,
    );
  }
  process.stdout.write(`\nauto ${counts.auto}, confirm ${counts.confirm}, block ${counts.block}\n`);

  process.stdout.write('\nmaestro output guard demo: every example goes through scanOutput()\n\n');
  process.stdout.write(
    `${'id'.padEnd(20)} ${'sink'.padEnd(9)} ${'lane'.padEnd(8)} redacted / neutralised output\n`,
  );
  for await (const item of readJsonlLines(OUTPUT_DEMO_FILE, outputLine)) {
    if (!item.ok) continue;
    const result = scanOutput(item.value.text, { sink: item.value.sink });
    const shown = JSON.stringify(result.redacted).slice(0, 90);
    process.stdout.write(
      `${item.value.id.padEnd(20)} ${item.value.sink.padEnd(9)} ${result.lane.padEnd(8)} ${shown}\n`,
    );
  }
  process.stdout.write('\nTry: npx maestro scan "Ignore all previous instructions" --format table\n');
  process.stdout.write('     echo "key: postgres://u:longpassword1@db/x" | npx maestro scan-output\n');
  return 0;
}
