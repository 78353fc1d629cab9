import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { VERSION } from '../core/version.js';
import { MaestroError } from '../errors/index.js';
import { detectSecrets } from '../output/index.js';
import { analyseFlow, isModelCall } from './analysis/dataflow.js';
import { CHECKLIST } from './checklist.js';
import { createPythonParser } from './model/fromPython.js';
import { fromTypeScript } from './model/fromTypeScript.js';
import { SUPPRESSION_MARKER } from './model/markerComments.js';
import type { SourceModel } from './model/sourceModel.js';
import { walkRepo } from './repo/walkRepo.js';
import type { RawFinding, RepoFiles, Rule } from './rule.js';
import { RULES } from './rules/index.js';
import { stacksOf } from './stacks.js';
import { REVIEW_SEVERITIES, type ReviewFinding, type ReviewSeverity, type RuleMeta } from './types.js';

export const REVIEW_REPORT_VERSION = 1;

export type ChecklistStatus = 'pass' | 'fail' | 'manual';

export interface ChecklistResult {
  readonly id: string;
  readonly layer: number;
  readonly text: string;
  readonly status: ChecklistStatus;
  readonly rules: readonly string[];
  readonly findings: number;
}

/** What `maestro review` found: the data every output format is written from. */
export interface ReviewReport {
  readonly version: typeof REVIEW_REPORT_VERSION;
  readonly tool: { readonly name: 'maestro'; readonly version: string };
  readonly root: string;
  readonly durationMs: number;
  readonly files: {
    readonly total: number;
    readonly typescript: number;
    readonly python: number;
    readonly lines: number;
    /** Sources not reviewed (too large or unparsable), by path. */
    readonly skipped: readonly string[];
  };
  readonly stacks: readonly string[];
  readonly rules: readonly RuleMeta[];
  /** Sorted by severity, then file and line; suppressed ones included (with their reason). */
  readonly findings: readonly ReviewFinding[];
  readonly checklist: readonly ChecklistResult[];
}

export interface ReviewOptions {
  /** Called after each source file with the count done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly rules?: readonly Rule[];
  /** Review test code too (`*.test.ts`, `test_*.py`, `tests/`, …); left out by default. */
  readonly includeTests?: boolean;
}

const SEVERITY_RANK = new Map<ReviewSeverity, number>(REVIEW_SEVERITIES.map((s, i) => [s, i]));

/** The line of a finding, trimmed and cut, with anything secret-looking masked. */
function snippetOf(lines: readonly string[], line: number): string {
  let text = (lines[line - 1] ?? '').trim().slice(0, 200);
  for (const m of detectSecrets(text).reverse())
    text = `${text.slice(0, m.start)}[REDACTED]${text.slice(m.end)}`;
  return text;
}

/** `maestro-ignore MAESTRO-L1-001: reason` on the line or the line above; a marker without a reason does not count. */
function suppression(lines: readonly string[], line: number, ruleId: string): { reason: string } | undefined {
  for (const at of [line, line - 1]) {
    const text = lines[at - 1];
    if (text === undefined) continue;
    const marker = text.indexOf(SUPPRESSION_MARKER);
    if (marker < 0) continue;
    const rest = text.slice(marker + SUPPRESSION_MARKER.length).trim();
    if (!rest.startsWith(ruleId)) continue;
    const reason = rest
      .slice(ruleId.length)
      .replace(/^\s*[:-]\s*/, '')
      .replace(/\s*(\*\/|-->)\s*$/, '')
      .trim();
    if (reason.length >= 3) return { reason: reason.slice(0, 300) };
  }
  return undefined;
}

/**
 * Reviews a repository: walks it (honouring .gitignore), parses TypeScript/JavaScript with the
 * TypeScript compiler and Python with tree-sitter, works out each function's data flow, runs
 * every rule, applies inline suppressions and fills in the seven-layer checklist. Offline and
 * deterministic: the same tree gives the same report.
 */
export async function reviewRepo(rootPath: string, options: ReviewOptions = {}): Promise<ReviewReport> {
  const started = performance.now();
  const root = resolve(rootPath);
  const rules = options.rules ?? RULES;
  let directory = false;
  try {
    directory = statSync(root).isDirectory();
  } catch {
    directory = false;
  }
  if (!directory)
    throw new MaestroError('ERR_INVALID_INPUT', {
      message: `${rootPath} is not a directory that can be read.`,
    });
  const walked = walkRepo(root, { includeTests: options.includeTests === true });
  const python = walked.sources.some((s) => s.language === 'python') ? await createPythonParser() : undefined;
  const models: SourceModel[] = [];
  const skipped = [...walked.skipped];
  const texts = new Map<string, string>();
  let lines = 0;
  try {
    walked.sources.forEach((source, index) => {
      try {
        const text = readFileSync(resolve(root, source.path), 'utf8');
        texts.set(source.path, text);
        const model =
          source.language === 'python' ? python?.parse(source.path, text) : fromTypeScript(source.path, text);
        if (model !== undefined) {
          models.push(model);
          lines += model.lines.length;
        }
      } catch {
        skipped.push(source.path);
      }
      options.onProgress?.(index + 1, walked.sources.length);
    });
  } finally {
    python?.delete();
  }
  const byFile = new Map(models.map((m) => [m.file, m]));
  const raw: Array<{ rule: Rule; finding: RawFinding }> = [];
  for (const model of models) {
    const context = {
      model,
      functions: model.functions.map((fn) => ({ fn, flow: analyseFlow(fn, isModelCall) })),
    };
    for (const rule of rules)
      for (const finding of rule.checkSource?.(context) ?? []) raw.push({ rule, finding });
  }
  const repo: RepoFiles = {
    paths: walked.paths,
    sources: models,
    isGitIgnored: (path) => walked.gitignore.ignores(path, false),
    read(path) {
      const cached = texts.get(path);
      if (cached !== undefined) return cached;
      try {
        const text = readFileSync(resolve(root, path), 'utf8');
        return text.length > 1024 * 1024 ? undefined : text;
      } catch {
        return undefined;
      }
    },
  };
  for (const rule of rules) for (const finding of rule.checkRepo?.(repo) ?? []) raw.push({ rule, finding });

  const seen = new Set<string>();
  const findings: ReviewFinding[] = [];
  for (const { rule, finding } of raw) {
    const key = `${rule.meta.id}\u0000${finding.file}\u0000${finding.span.line}\u0000${finding.span.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const model = byFile.get(finding.file);
    const fileLines = model?.lines ?? (repo.read(finding.file) ?? '').split('\n');
    const suppressed = suppression(fileLines, finding.span.line, rule.meta.id);
    findings.push({
      ruleId: rule.meta.id,
      layer: rule.meta.layer,
      severity: rule.meta.severity,
      message: finding.message,
      file: finding.file,
      line: finding.span.line,
      column: finding.span.column,
      endLine: finding.span.endLine,
      endColumn: finding.span.endColumn,
      component: (model === undefined ? [] : stacksOf(model))[0] ?? finding.file,
      snippet: snippetOf(fileLines, finding.span.line),
      ...(suppressed === undefined ? {} : { suppressed }),
    });
  }
  findings.sort(
    (a, b) =>
      (SEVERITY_RANK.get(a.severity) ?? 9) - (SEVERITY_RANK.get(b.severity) ?? 9) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.ruleId.localeCompare(b.ruleId),
  );
  const active = findings.filter((f) => f.suppressed === undefined);
  const checklist: ChecklistResult[] = CHECKLIST.map((item) => {
    const itemRules = rules.filter((r) => r.meta.checklist === item.id).map((r) => r.meta.id);
    const count = active.filter((f) => itemRules.includes(f.ruleId)).length;
    return {
      id: item.id,
      layer: item.layer,
      text: item.text,
      status: itemRules.length === 0 ? 'manual' : count > 0 ? 'fail' : 'pass',
      rules: itemRules,
      findings: count,
    };
  });
  return {
    version: REVIEW_REPORT_VERSION,
    tool: { name: 'maestro', version: VERSION },
    root,
    durationMs: Math.round(performance.now() - started),
    files: {
      total: walked.paths.length,
      typescript: models.filter((m) => m.language === 'typescript').length,
      python: models.filter((m) => m.language === 'python').length,
      lines,
      skipped,
    },
    stacks: [...new Set(models.flatMap(stacksOf))].sort(),
    rules: rules.map((r) => r.meta),
    findings,
    checklist,
  };
}
