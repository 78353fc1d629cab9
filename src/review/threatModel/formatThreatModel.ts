import { CONTROLS, LAYERS } from '../../taxonomy/index.js';
import type { ThreatAnalysis } from './deriveThreats.js';
import { toMermaid } from './mermaid.js';
import type { ThreatModel } from './modelSchema.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const controlName = (id: string) => CONTROLS[id as keyof typeof CONTROLS]?.title ?? id;

/** The threat matrix, the Mermaid data-flow diagram and the prioritised missing controls, as Markdown. */
export function threatModelMarkdown(model: ThreatModel, analysis: ThreatAnalysis): string {
  const out = [`# Threat model: ${cell(model.name)}`, ''];
  if (model.description) out.push(model.description, '');
  out.push(
    `${analysis.threats.length} threats: ${analysis.summary.open} open, ${analysis.summary.partial} partly mitigated, ${analysis.summary.mitigated} mitigated.`,
    '',
    '## Data flows and trust boundaries',
    '',
    '```mermaid',
    toMermaid(model),
    '```',
    '',
    'Each subgraph is a trust zone; a flow that leaves one crosses a trust boundary. Thick arrows are authenticated and encrypted.',
    '',
    '## Threat matrix',
    '',
    '| Layer | Component | Threat | Severity | Mitigation | Status |',
    '|---|---|---|---|---|---|',
  );
  for (const t of analysis.threats) {
    const mitigation = [...t.present.map((c) => `${c} ✓`), ...t.missing.map((c) => `${c} missing`)].join(
      ', ',
    );
    out.push(
      `| ${t.layer} ${LAYERS[t.layer as 1].name} | ${cell(t.where)} | ${t.threat} ${cell(t.title)} | ${t.severity.toUpperCase()} | ${mitigation} | ${t.status} |`,
    );
  }
  out.push(
    '',
    '## Missing controls, most needed first',
    '',
    '| Control | What | Threats it helps close | Weight |',
    '|---|---|---|---|',
  );
  for (const m of analysis.missingControls)
    out.push(`| ${m.control} | ${cell(controlName(m.control))} | ${m.threats} | ${m.weight} |`);
  if (analysis.missingControls.length === 0) out.push('| – | Every derived threat is mitigated. | – | – |');
  return `${out.join('\n')}\n`;
}

export function threatModelTerminal(analysis: ThreatAnalysis): string {
  const out = [
    `threat model ${analysis.name}: ${analysis.summary.open} open, ${analysis.summary.partial} partial, ${analysis.summary.mitigated} mitigated`,
    '',
  ];
  for (const t of analysis.threats) {
    out.push(
      `${t.status.toUpperCase().padEnd(10)} ${t.severity.padEnd(8)} ${t.threat.padEnd(8)} ${t.where}  ${t.title}${t.missing.length > 0 ? ` (missing ${t.missing.join(', ')})` : ''}`,
    );
  }
  out.push(
    '',
    `missing controls: ${analysis.missingControls.map((m) => `${m.control}×${m.threats}`).join(', ') || 'none'}`,
  );
  return `${out.join('\n')}\n`;
}
