import type { z } from 'zod';
import { MaestroError } from '../errors/index.js';

type Path = ReadonlyArray<string | number>;

/** Zod issue codes as words a caller can act on; zod's own messages may quote the value. */
function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_big':
      return `too large (maximum ${String(issue.maximum)})`;
    case 'too_small':
      return `too small (minimum ${String(issue.minimum)})`;
    case 'invalid_format':
      return `not a valid ${issue.format}`;
    case 'unrecognized_keys':
      // Key names come from the model too: count them, do not echo them.
      return issue.keys.length === 1 ? 'has an unknown key' : `has ${issue.keys.length} unknown keys`;
    case 'invalid_value':
      return 'not one of the allowed values';
    case 'invalid_union':
      return 'does not match any allowed shape';
    case 'not_multiple_of':
      return `not a multiple of ${String(issue.divisor)}`;
    default:
      return 'not valid';
  }
}

function fieldOf(path: Path): string {
  return path.map(String).join('.');
}

/**
 * Checks data against a tool's schema. A failure names the field and what was expected, never
 * the value (arguments come from a model and may hold secrets): ERR_TOOL_INVALID_ARGS for input,
 * ERR_TOOL_INVALID_OUTPUT for what a tool returned.
 */
export function validateAgainst<S extends z.ZodType>(
  schema: S,
  value: unknown,
  kind: 'input' | 'output',
  tool: string,
): z.output<S> {
  let result: z.ZodSafeParseResult<z.output<S>>;
  try {
    result = schema.safeParse(value);
  } catch (cause) {
    // A refinement that throws is a failed check, not a pass.
    throw new MaestroError(kind === 'input' ? 'ERR_TOOL_INVALID_ARGS' : 'ERR_TOOL_INVALID_OUTPUT', {
      message: `The ${kind === 'input' ? 'arguments' : 'output'} of tool ${tool} could not be checked.`,
      cause,
    });
  }
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p.description) : p));
  const what = issue === undefined ? 'not valid' : describe(issue);
  if (kind === 'input') {
    throw new MaestroError('ERR_TOOL_INVALID_ARGS', {
      message:
        path.length === 0
          ? `Invalid arguments of tool ${tool}: ${what}.`
          : `Invalid argument ${fieldOf(path)} of tool ${tool}: ${what}.`,
      path,
    });
  }
  throw new MaestroError('ERR_TOOL_INVALID_OUTPUT', {
    message: `Tool ${tool} returned an invalid ${path.length === 0 ? 'result' : `field ${fieldOf(path)}`}: ${what}.`,
    path,
  });
}
