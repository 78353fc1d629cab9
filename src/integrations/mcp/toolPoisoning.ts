import type { Finding, Lane } from '../../core/index.js';
import { securityScan } from '../../scan/index.js';
import { type McpToolDescriptor, modelVisibleTexts } from './toolDescriptor.js';

/** Why a tool description is treated as poisoned. */
export type PoisonSignal =
  | 'injection'
  | 'hidden_characters'
  | 'secrecy'
  | 'sensitive_file'
  | 'cross_tool'
  | 'instruction_markup';

export interface ToolPoisoningReport {
  readonly tool: string;
  readonly poisoned: boolean;
  readonly signals: readonly PoisonSignal[];
  /** The scanner's lane and findings over the tool's model-visible text (as a `tool` source). */
  readonly lane: Lane;
  readonly score: number;
  readonly findings: readonly Finding[];
}

// Tag characters (ASCII smuggling), zero-width characters and bidi controls: text a person
// reviewing the tool does not see but the model reads.
function hasHiddenCharacters(text: string): boolean {
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp >= 0xe0000 && cp <= 0xe007f) return true;
    if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff) return true;
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return true;
  }
  return false;
}

/** Lower case with runs of whitespace made one space: the phrase lists below are plain substrings. */
function flatten(text: string): string {
  let out = '';
  let space = false;
  for (const char of text.toLowerCase()) {
    const isSpace = char === ' ' || char === '\n' || char === '\t' || char === '\r';
    if (isSpace) {
      if (!space) out += ' ';
      space = true;
    } else {
      out += char;
      space = false;
    }
  }
  return out;
}

// Plain substring lists, matched with indexOf: linear in the text, nothing to backtrack.
const SECRECY = [
  'do not mention',
  "don't mention",
  'do not tell the user',
  "don't tell the user",
  'without telling the user',
  'not inform the user',
  'do not reveal this',
  'keep this secret',
  'the user must not know',
  'hide this from the user',
  'do not show the user',
];
// Files an honest tool description has no reason to ask the model to read or pass along.
const SENSITIVE_FILES = [
  '~/.ssh',
  '.ssh/id_',
  'id_rsa',
  "the user's .env",
  'mcp.json',
  '.aws/credentials',
  '.netrc',
  '/etc/shadow',
  '.kube/config',
  '.git-credentials',
  '.docker/config.json',
];
const CROSS_TOOL = [
  'when this tool is available',
  'tool must send',
  'must be sent to',
  'instead of the user',
  'all emails to',
  'before using any other tool',
  'before using this tool, read',
  'before using this tool, call',
  'other tools must',
  'override the behavior of',
  'override the behaviour of',
];
const MARKUP = [
  '<important>',
  '</important>',
  '<system>',
  '<instructions>',
  '[system]',
  '<|im_start|>',
  '### system',
];

function anyOf(flat: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => flat.includes(phrase));
}

/**
 * Judges whether a tool's description carries instructions for the model (MCP tool poisoning,
 * OWASP agentic T2, ATLAS AML.T0051.001): the injection scanner over every model-visible text
 * as an indirect (`tool`) source, plus the tells of published tool-poisoning attacks: hidden
 * characters, secrecy towards the user, reads of credential files, orders about other tools,
 * and pseudo-system markup. A tool is poisoned when any of them fires.
 */
export function scanToolDescriptor(tool: McpToolDescriptor): ToolPoisoningReport {
  const texts = modelVisibleTexts(tool);
  const text = texts.join('\n');
  const signals: PoisonSignal[] = [];
  const scan = securityScan(text.slice(0, 60_000), { source: 'tool' });
  if (scan.lane !== 'auto') signals.push('injection');
  if (texts.some(hasHiddenCharacters)) signals.push('hidden_characters');
  const flat = flatten(text);
  if (anyOf(flat, SECRECY)) signals.push('secrecy');
  if (anyOf(flat, SENSITIVE_FILES)) signals.push('sensitive_file');
  if (anyOf(flat, CROSS_TOOL)) signals.push('cross_tool');
  if (anyOf(flat, MARKUP)) signals.push('instruction_markup');
  return {
    tool: tool.name,
    poisoned: signals.length > 0,
    signals,
    lane: scan.lane,
    score: scan.score,
    findings: scan.findings,
  };
}
