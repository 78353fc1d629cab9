import { describeRef, LAYERS } from '../../taxonomy/index.js';
import type { ReviewReport } from '../reviewRepo.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The threat matrix as Markdown: one row per rule that fired (Layer | Component | Threat |
 * Severity | Mitigation | Status), the checklist by layer, the cross-framework table, and the
 * findings with their locations.
 */
export function formatMarkdown(report: ReviewReport): string {
  const out: string[] = [];
  const active = report.findings.filter((f) => f.suppressed === undefined);
  out.push(`# MAESTRO security review: ${cell(report.root)}`, '');
  out.push(
    `${report.files.typescript} TypeScript/JavaScript and ${report.files.python} Python files, ${report.files.lines.toLocaleString('en-US')} lines; stacks: ${report.stacks.length > 0 ? report.stacks.join(', ') : 'none recognised'}. maestro ${report.tool.version}.`,
    '',
    '## Threat matrix',
    '',
    '| Layer | Component | Threat | Severity | Mitigation | Status |',
    '|---|---|---|---|---|---|',
  );
  const rows = new Map<
    string,
    { layer: number; component: string; rule: string; count: number; suppressed: number }
  >();
  for (const f of report.findings) {
    const key = `${f.ruleId}\u0000${f.component}`;
    const row = rows.get(key) ?? {
      layer: f.layer,
      component: f.component,
      rule: f.ruleId,
      count: 0,
      suppressed: 0,
    };
    if (f.suppressed === undefined) row.count++;
    else row.suppressed++;
    rows.set(key, row);
  }
  const metas = new Map(report.rules.map((r) => [r.id, r]));
  for (const row of [...rows.values()].sort((a, b) => a.layer - b.layer || a.rule.localeCompare(b.rule))) {
    const meta = metas.get(row.rule);
    if (meta === undefined) continue;
    const status = row.count > 0 ? `open (${row.count})` : `accepted (${row.suppressed} suppressed)`;
    out.push(
      `| ${row.layer} ${LAYERS[meta.layer].name} | ${cell(row.component)} | ${cell(meta.threat)} (${meta.id}) | ${meta.severity.toUpperCase()} | ${cell(meta.mitigation)} | ${status} |`,
    );
  }
  if (rows.size === 0) out.push('| – | – | No threat found by the rules | – | – | – |');

  out.push('', '## Checklist', '', '| Layer | Item | Status | Findings |', '|---|---|---|---|');
  for (const c of report.checklist) {
    out.push(
      `| ${c.layer} ${LAYERS[c.layer as 1].name} | ${c.id} ${cell(c.text)} | ${c.status === 'manual' ? 'check by hand' : c.status} | ${c.findings} |`,
    );
  }

  out.push(
    '',
    '## Cross-framework references',
    '',
    '| Rule | OWASP LLM 2025 | OWASP Agentic | MITRE ATLAS | NIST AI RMF | ISO/IEC 42001 | Controls |',
    '|---|---|---|---|---|---|---|',
  );
  const fired = new Set(report.findings.map((f) => f.ruleId));
  for (const meta of report.rules.filter((r) => fired.has(r.id))) {
    const list = (kind: 'owaspLlm' | 'owaspAgentic' | 'atlas' | 'nist' | 'iso' | 'controls') =>
      (meta.refs[kind] ?? [])
        .map((id) => {
          const name = describeRef(kind, id as never);
          return name === id ? id : `${id} ${name}`;
        })
        .join('; ') || '–';
    out.push(
      `| ${meta.id} ${cell(meta.title)} | ${cell(list('owaspLlm'))} | ${cell(list('owaspAgentic'))} | ${cell(list('atlas'))} | ${cell(list('nist'))} | ${cell(list('iso'))} | ${cell(list('controls'))} |`,
    );
  }

  out.push('', '## Findings', '');
  if (active.length === 0) out.push('None.');
  for (const f of active) {
    out.push(
      `- **${f.severity.toUpperCase()}** \`${f.ruleId}\` ${cell(f.file)}:${f.line} — ${cell(f.message)}`,
    );
  }
  const suppressed = report.findings.filter((f) => f.suppressed !== undefined);
  if (suppressed.length > 0) {
    out.push('', '## Suppressed', '');
    for (const f of suppressed)
      out.push(`- \`${f.ruleId}\` ${cell(f.file)}:${f.line} — ${cell(f.suppressed?.reason ?? '')}`);
  }
  return `${out.join('\n')}\n`;
}
