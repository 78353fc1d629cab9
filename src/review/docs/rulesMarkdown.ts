import { describeRef, LAYERS } from '../../taxonomy/index.js';
import { CHECKLIST } from '../checklist.js';
import type { Rule } from '../rule.js';

const FENCE: Record<string, string> = {
  typescript: 'ts',
  python: 'python',
  dockerfile: 'dockerfile',
  text: 'text',
};

/** docs/review-rules.md: every rule with its layer, severity, checklist item, references and examples. */
export function rulesMarkdown(rules: readonly Rule[]): string {
  const out = [
    '# maestro review: rules',
    '',
    'Generated from the rules themselves (`npm run docs:review`); a test checks it is up to date.',
    '',
    '| Rule | Layer | Severity | Checklist | Title |',
    '|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| [${r.meta.id}](#${r.meta.id.toLowerCase()}) | ${r.meta.layer} ${LAYERS[r.meta.layer].name} | ${r.meta.severity} | ${r.meta.checklist} | ${r.meta.title} |`,
    ),
  ];
  const items = new Map<string, string>(CHECKLIST.map((c) => [c.id, c.text]));
  for (const { meta } of rules) {
    const refs = (['owaspLlm', 'owaspAgentic', 'atlas', 'nist', 'iso', 'controls', 'threats'] as const)
      .flatMap((kind) => (meta.refs[kind] ?? []).map((id) => `${id} (${describeRef(kind, id as never)})`))
      .join(', ');
    const fence = FENCE[meta.examples.language] ?? '';
    out.push(
      '',
      `## ${meta.id}`,
      '',
      `**${meta.title}.** Layer ${meta.layer} (${LAYERS[meta.layer].name}), severity ${meta.severity}, checklist item ${meta.checklist} (${items.get(meta.checklist) ?? ''}). Threat: ${meta.threat}.`,
      '',
      meta.description,
      '',
      `**Fix.** ${meta.mitigation}`,
      '',
      `References: ${refs}.`,
      '',
      'Vulnerable:',
      '',
      `\`\`\`${fence}`,
      meta.examples.vulnerable,
      '```',
      '',
      'Fixed:',
      '',
      `\`\`\`${fence}`,
      meta.examples.fixed,
      '```',
    );
  }
  return `${out.join('\n')}\n`;
}
