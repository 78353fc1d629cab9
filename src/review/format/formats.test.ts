import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ReviewReport, reviewRepo } from '../reviewRepo.js';
import { formatHtml } from './html.js';
import { formatJson, reviewReportSchema } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatTerminal } from './terminal.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/review', import.meta.url));
let report: ReviewReport;
beforeAll(async () => {
  report = await reviewRepo(FIXTURES);
});

/** The official SARIF 2.1.0 schema (OASIS), as shipped by Microsoft's jest-sarif package. */
function sarifValidator() {
  const schema = createRequire(import.meta.url)(
    '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json',
  ) as object;
  // The schema is draft-04 and has one pattern that is not valid with the unicode flag.
  // CommonJS modules whose default export is their `default` property under NodeNext.
  type AjvClass = typeof AjvDraft04.default;
  type FormatsPlugin = typeof ajvFormats.default;
  const Ajv =
    (AjvDraft04 as unknown as { default?: AjvClass }).default ?? (AjvDraft04 as unknown as AjvClass);
  const addFormats =
    (ajvFormats as unknown as { default?: FormatsPlugin }).default ??
    (ajvFormats as unknown as FormatsPlugin);
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('report formats', () => {
  it('SARIF validates against the official 2.1.0 schema, with rules, help and security-severity for code scanning', () => {
    const validate = sarifValidator();
    const sarif = JSON.parse(formatSarif(report)) as {
      runs: Array<{
        tool: {
          driver: {
            rules: Array<{ id: string; properties: Record<string, unknown>; help: { markdown: string } }>;
          };
        };
        results: Array<{
          ruleId: string;
          ruleIndex: number;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
        }>;
      }>;
    };
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = sarif.runs[0];
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(report.rules.map((r) => r.id));
    for (const rule of run?.tool.driver.rules ?? []) {
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
      expect(rule.help.markdown).toContain('Vulnerable:');
    }
    expect(run?.results).toHaveLength(report.findings.length);
    for (const result of run?.results ?? []) {
      expect(run?.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(result.locations[0]?.physicalLocation.artifactLocation.uri).not.toMatch(/^\//);
    }
    // The validator does catch a broken document.
    const broken = structuredClone(sarif) as { version?: string };
    broken.version = '3.0';
    expect(validate(broken)).toBe(false);
  });

  it('JSON is the versioned report and fits its schema', () => {
    const parsed = reviewReportSchema.safeParse(JSON.parse(formatJson(report)));
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
    expect(JSON.parse(formatJson(report)).version).toBe(1);
  });

  it('Markdown has the threat matrix, the checklist and the cross-framework table', () => {
    const md = formatMarkdown(report);
    expect(md).toContain('| Layer | Component | Threat | Severity | Mitigation | Status |');
    expect(md).toMatch(/\| 1 Model \| .* \| Prompt injection \(MAESTRO-L1-001\) \| HIGH \|/);
    expect(md).toContain('## Checklist');
    expect(md).toContain('LLM01 Prompt Injection');
  });

  it('HTML is one self-contained page that escapes what it shows', async () => {
    const html = formatHtml({
      ...report,
      findings: [
        {
          ...(report.findings[0] as ReviewReport['findings'][number]),
          message: '<script>alert(1)</script>',
          snippet: '<img src=x onerror=alert(1)>',
        },
      ],
    });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain("default-src 'none'");
  });

  it('the terminal summary has a line per checklist item and per finding', () => {
    const text = formatTerminal(report);
    expect(text.match(/^ {2}(PASS|FAIL|CHECK) +L\d\.\d /gm)).toHaveLength(21);
    expect(text).toContain('Layer 7: Orchestration');
    expect(text).toMatch(/\d+ findings \(\d+ critical/);
  });
});
