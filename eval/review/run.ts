/**
 * `npm run eval:review -- --target dvmcp=<checkout> --target dvla=<checkout>`: reviews
 * deliberately vulnerable agent projects and scores the review against their documented flaws
 * (recall), then lists every finding that is not a documented flaw, so each can be judged.
 */
import { parseArgs } from 'node:util';
import { renderText } from '../../bench/lib/table.js';
import { type ReviewFinding, reviewRepo } from '../../src/review/index.js';
import { type DocumentedFlaw, GROUND_TRUTH } from './groundTruth.js';

const { values } = parseArgs({ options: { target: { type: 'string', multiple: true } }, strict: true });
const targets = (values.target ?? []).map((t) => {
  const at = t.indexOf('=');
  if (at < 1) throw new Error(`--target wants name=path (names: ${Object.keys(GROUND_TRUTH).join(', ')})`);
  return { name: t.slice(0, at), path: t.slice(at + 1) };
});
if (targets.length === 0) {
  process.stderr.write(
    `usage: npm run eval:review -- --target dvmcp=<checkout> [--target dvla=<checkout>]\n`,
  );
  process.exit(1);
}

const matches = (flaw: DocumentedFlaw, f: ReviewFinding) =>
  flaw.rules.includes(f.ruleId) && flaw.paths.some((p) => f.file.startsWith(p));

const summary: string[][] = [];
for (const { name, path } of targets) {
  const truth = GROUND_TRUTH[name];
  if (truth === undefined) throw new Error(`no ground truth named ${name}`);
  const report = await reviewRepo(path);
  const findings = report.findings.filter((f) => f.suppressed === undefined);
  const found = truth.flaws.filter((flaw) => findings.some((f) => matches(flaw, f)));
  const extra = findings.filter((f) => !truth.flaws.some((flaw) => matches(flaw, f)));
  summary.push([
    truth.project,
    `${found.length} / ${truth.flaws.length}`,
    `${((found.length / truth.flaws.length) * 100).toFixed(0)} %`,
    String(findings.length),
    String(findings.length - extra.length),
    String(extra.length),
    `${report.files.lines.toLocaleString('en-US')} lines, ${report.durationMs} ms`,
  ]);
  process.stdout.write(`\n${truth.project} (${truth.source}, at ${truth.revision})\n`);
  for (const flaw of truth.flaws) {
    const hits = findings.filter((f) => matches(flaw, f));
    const rules = [...new Set(hits.map((h) => h.ruleId))].join(', ');
    process.stdout.write(
      `  ${hits.length > 0 ? 'FOUND ' : 'MISSED'} ${flaw.id}: ${flaw.title}${hits.length > 0 ? ` — ${hits.length} finding(s): ${rules}` : ''}\n`,
    );
  }
  process.stdout.write(`  findings that are not documented flaws (${extra.length}):\n`);
  for (const f of extra) process.stdout.write(`    ${f.ruleId} ${f.file}:${f.line}  ${f.message}\n`);
}
process.stdout.write(
  `\n${renderText({
    columns: [
      { header: 'project' },
      { header: 'documented flaws found', align: 'right' },
      { header: 'recall', align: 'right' },
      { header: 'findings', align: 'right' },
      { header: 'on a documented flaw', align: 'right' },
      { header: 'other', align: 'right' },
      { header: 'size, time' },
    ],
    rows: summary,
  })}\n`,
);
