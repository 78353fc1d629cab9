import { createHash } from 'node:crypto';
import { LAYERS } from '../../taxonomy/index.js';
import type { ReviewReport } from '../reviewRepo.js';
import type { ReviewSeverity, RuleMeta } from '../types.js';

/** SARIF levels, and GitHub's `security-severity` scores (critical ≥ 9, high ≥ 7, medium ≥ 4). */
const LEVEL: Record<ReviewSeverity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
const SCORE: Record<ReviewSeverity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

function tags(meta: RuleMeta): string[] {
  const r = meta.refs;
  return [
    'security',
    `maestro/layer-${meta.layer}`,
    ...(r.owaspLlm ?? []).map((id) => `owasp-llm/${id}`),
    ...(r.owaspAgentic ?? []).map((id) => `owasp-agentic/${id}`),
    ...(r.atlas ?? []).map((id) => `mitre-atlas/${id}`),
    ...(r.controls ?? []).map((id) => `maestro-control/${id}`),
  ];
}

function help(meta: RuleMeta): { text: string; markdown: string } {
  const lang =
    meta.examples.language === 'typescript'
      ? 'ts'
      : meta.examples.language === 'python'
        ? 'python'
        : meta.examples.language;
  return {
    text: `${meta.description}\n\nFix: ${meta.mitigation}`,
    markdown: [
      meta.description,
      '',
      `**Fix.** ${meta.mitigation}`,
      '',
      'Vulnerable:',
      `\`\`\`${lang}`,
      meta.examples.vulnerable,
      '```',
      'Fixed:',
      `\`\`\`${lang}`,
      meta.examples.fixed,
      '```',
      '',
      `MAESTRO layer ${meta.layer} (${LAYERS[meta.layer].name}), checklist item ${meta.checklist}.`,
    ].join('\n'),
  };
}

/**
 * SARIF 2.1.0 for code scanning: one run, the rules with their help and GitHub's
 * security-severity, results with regions relative to the repository root (`%SRCROOT%`),
 * line-hash fingerprints, and in-source suppressions with their justification.
 */
export function formatSarif(report: ReviewReport): string {
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'maestro',
            semanticVersion: report.tool.version,
            version: report.tool.version,
            informationUri: 'https://github.com/maestro-security/maestro',
            rules: report.rules.map((meta) => ({
              id: meta.id,
              name: meta.title
                .replace(/[^A-Za-z0-9]+/g, ' ')
                .trim()
                .split(' ')
                .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
                .join(''),
              shortDescription: { text: meta.title },
              fullDescription: { text: meta.description },
              help: help(meta),
              defaultConfiguration: { level: LEVEL[meta.severity] },
              properties: {
                tags: tags(meta),
                'security-severity': SCORE[meta.severity],
                precision: 'medium',
                'problem.severity':
                  meta.severity === 'critical' || meta.severity === 'high' ? 'error' : 'warning',
              },
            })),
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: `file://${report.root.endsWith('/') ? report.root : `${report.root}/`}` },
        },
        results: report.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId) ?? 0,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: {
                  uri: f.file.split('/').map(encodeURIComponent).join('/'),
                  uriBaseId: '%SRCROOT%',
                },
                region: {
                  startLine: f.line,
                  startColumn: f.column,
                  endLine: Math.max(f.endLine, f.line),
                  endColumn: f.endLine > f.line ? f.endColumn : Math.max(f.endColumn, f.column + 1),
                },
              },
            },
          ],
          partialFingerprints: {
            primaryLocationLineHash: `${createHash('sha256').update(`${f.ruleId}\u0000${f.file}\u0000${f.snippet}`).digest('hex').slice(0, 16)}:1`,
          },
          ...(f.suppressed === undefined
            ? {}
            : { suppressions: [{ kind: 'inSource', justification: f.suppressed.reason }] }),
          properties: { layer: f.layer, component: f.component, severity: f.severity },
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
