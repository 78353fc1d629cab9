import { LAYERS } from '../../taxonomy/index.js';
import type { ReviewReport } from '../reviewRepo.js';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const STYLE = `body{font:14px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1b1f24}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.critical,.high{color:#b42318;font-weight:600}.medium{color:#b54708}.low,.info{color:#475467}
.pass{color:#067647}.fail{color:#b42318;font-weight:600}.manual{color:#475467}code{font:12px ui-monospace,monospace;background:#f6f8fa;padding:0 .2rem}`;

/** One self-contained HTML page (no scripts, no external resources): checklist, matrix and findings. */
export function formatHtml(report: ReviewReport): string {
  const active = report.findings.filter((f) => f.suppressed === undefined);
  const metas = new Map(report.rules.map((r) => [r.id, r]));
  const checklist = report.checklist
    .map(
      (c) =>
        `<tr><td>${c.layer} ${escapeHtml(LAYERS[c.layer as 1].name)}</td><td>${escapeHtml(c.id)} ${escapeHtml(c.text)}</td><td class="${c.status}">${c.status === 'manual' ? 'check by hand' : c.status}</td><td>${c.findings}</td></tr>`,
    )
    .join('\n');
  const findings = active
    .map((f) => {
      const meta = metas.get(f.ruleId);
      return `<tr><td class="${f.severity}">${f.severity}</td><td><code>${escapeHtml(f.ruleId)}</code></td><td>${f.layer}</td><td><code>${escapeHtml(f.file)}:${f.line}</code></td><td>${escapeHtml(f.message)}<br><code>${escapeHtml(f.snippet)}</code></td><td>${escapeHtml(meta?.mitigation ?? '')}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>MAESTRO review: ${escapeHtml(report.root)}</title><style>${STYLE}</style></head>
<body><h1>MAESTRO security review</h1>
<p><code>${escapeHtml(report.root)}</code>: ${report.files.typescript} TypeScript/JavaScript and ${report.files.python} Python files, ${report.files.lines} lines. Stacks: ${escapeHtml(report.stacks.join(', ') || 'none recognised')}. maestro ${escapeHtml(report.tool.version)}.</p>
<h2>Checklist</h2><table><thead><tr><th>Layer</th><th>Item</th><th>Status</th><th>Findings</th></tr></thead><tbody>
${checklist}
</tbody></table>
<h2>Findings (${active.length})</h2><table><thead><tr><th>Severity</th><th>Rule</th><th>Layer</th><th>Where</th><th>What</th><th>Mitigation</th></tr></thead><tbody>
${findings || '<tr><td colspan="6">None.</td></tr>'}
</tbody></table></body></html>
`;
}
