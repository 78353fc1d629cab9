import { fileURLToPath } from 'node:url';
import { securityScan } from '../../scan/index.js';
import { readJsonl } from '../scan/readJsonl.js';

const DEMO_FILE = fileURLToPath(new URL('../../../examples/scan-demo.jsonl', import.meta.url));

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
  for await (const item of readJsonl(DEMO_FILE)) {
    if (!item.ok) continue;
    const source = item.source ?? 'user';
    const result = securityScan(item.text, { source });
    counts[result.lane]++;
    process.stdout.write(
      `${item.id.padEnd(28)} ${source.padEnd(10)} ${result.lane.padEnd(8)} ${result.score.toFixed(2).padEnd(6)} ${result.reason}\n`,
    );
  }
  process.stdout.write(`\nauto ${counts.auto}, confirm ${counts.confirm}, block ${counts.block}\n`);
  process.stdout.write('Try: npx maestro scan "Ignore all previous instructions" --format table\n');
  return 0;
}
