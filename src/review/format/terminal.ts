import { LAYERS } from '../../taxonomy/index.js';
import type { ReviewReport } from '../reviewRepo.js';

const MARK = { pass: 'PASS', fail: 'FAIL', manual: 'CHECK' } as const;

/** The terminal summary: each layer's checklist items with pass/fail, then the findings. */
export function formatTerminal(report: ReviewReport): string {
  const out: string[] = [];
  const active = report.findings.filter((f) => f.suppressed === undefined);
  out.push(
    `maestro review ${report.root}: ${report.files.typescript} TypeScript/JavaScript and ${report.files.python} Python files, ${report.files.lines.toLocaleString('en-US')} lines, ${report.durationMs} ms`,
  );
  if (report.stacks.length > 0) out.push(`stacks: ${report.stacks.join(', ')}`);
  for (const layer of [1, 2, 3, 4, 5, 6, 7] as const) {
    out.push('', `Layer ${layer}: ${LAYERS[layer].name}`);
    for (const item of report.checklist.filter((c) => c.layer === layer)) {
      const count = item.findings > 0 ? ` (${item.findings})` : '';
      out.push(`  ${MARK[item.status].padEnd(5)} ${item.id} ${item.text}${count}`);
    }
  }
  out.push('');
  for (const f of active) {
    out.push(
      `${f.severity.toUpperCase().padEnd(8)} ${f.ruleId} ${f.file}:${f.line}:${f.column}  ${f.message}`,
    );
    if (f.snippet !== '') out.push(`         ${f.snippet}`);
  }
  const suppressed = report.findings.length - active.length;
  const bySeverity = ['critical', 'high', 'medium', 'low', 'info']
    .map((s) => [s, active.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  out.push(
    '',
    `${active.length} finding${active.length === 1 ? '' : 's'}${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}${suppressed > 0 ? `, ${suppressed} suppressed` : ''}; ${report.checklist.filter((c) => c.status === 'fail').length} checklist items fail, ${report.checklist.filter((c) => c.status === 'manual').length} need a manual check.`,
  );
  if (report.files.skipped.length > 0)
    out.push(
      `not reviewed: ${report.files.skipped.slice(0, 10).join(', ')}${report.files.skipped.length > 10 ? ', …' : ''}`,
    );
  return `${out.join('\n')}\n`;
}
