import { type Lane, strictestLane } from '../../core/index.js';
import type { Ledger } from '../../ledger/index.js';
import { type ScanResult, sanitizeInput, scanRiskEvent, securityScan } from '../../scan/index.js';
import type { CallToolResult } from './mcpExecutor.js';

export interface GuardedResult {
  readonly result: CallToolResult;
  readonly lane: Lane;
}

/** A resource's text is read by the model like any other content. */
function textOf(item: Record<string, unknown>): string | undefined {
  if (item.type === 'text' && typeof item.text === 'string') return item.text;
  const resource = item.resource as { text?: unknown } | undefined;
  if (item.type === 'resource' && typeof resource?.text === 'string') return resource.text;
  return undefined;
}

/**
 * Scans a tool's result as indirect input before it reaches the model (T1 via tools): text
 * content, embedded resources and structured content, with source `tool`. A result the scan
 * blocks is replaced by a notice; otherwise its text is sanitized (invisible characters and
 * chat-template delimiters removed). Each finding is a ledger event.
 */
export function guardToolResult(
  result: CallToolResult,
  context: {
    ledger: Ledger;
    tenantId: string;
    principal: string;
    traceId: string;
    tool: string;
    maxBytes: number;
  },
): GuardedResult {
  const scans: Array<{ scan: ScanResult; text: string }> = [];
  const scan = (text: string) => {
    scans.push({ scan: securityScan(text, { source: 'tool', maxBytes: context.maxBytes }), text });
  };
  const content = result.content.map((item) => {
    const text = textOf(item);
    if (text === undefined) return item;
    scan(text);
    const clean = sanitizeInput(text).text;
    return item.type === 'text'
      ? { ...item, text: clean }
      : { ...item, resource: { ...(item.resource as object), text: clean } };
  });
  if (result.structuredContent !== undefined) scan(JSON.stringify(result.structuredContent));
  const lane = strictestLane('auto', ...scans.map((s) => s.scan.lane));
  for (const { scan: s, text } of scans) {
    if (s.lane === 'auto') continue;
    context.ledger
      .logRiskEvent({
        ...scanRiskEvent(s, { tenantId: context.tenantId, principal: context.principal, text }),
        traceId: context.traceId,
      })
      .catch(() => undefined);
  }
  if (lane === 'block') {
    return {
      lane,
      result: {
        content: [
          {
            type: 'text',
            text: `maestro: the result of ${context.tool} was withheld: it carries instructions aimed at the model (prompt injection).`,
          },
        ],
        isError: true,
      },
    };
  }
  return { lane, result: { ...result, content } };
}
