import type { JsonSchemaType, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { z } from 'zod';
import { canonicalJson } from '../../ledger/index.js';

const MAX_SCHEMA_BYTES = 64 * 1024;
const MAX_DEPTH = 32;
// A server's regular expression could backtrack: patterns are left to the server to enforce.
const DROPPED = new Set(['pattern', 'patternProperties', '$dynamicRef', '$dynamicAnchor']);

function strip(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new Error('schema nested too deeply');
  if (Array.isArray(value)) return value.map((item) => strip(item, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (DROPPED.has(key)) continue;
    // Only references inside the schema: nothing is fetched.
    if (key === '$ref' && (typeof child !== 'string' || !child.startsWith('#')))
      throw new Error('remote $ref');
    out[key] = strip(child, depth + 1);
  }
  return out;
}

/**
 * A zod schema for an MCP tool's JSON Schema, safe to run on untrusted input: bounded in size and
 * depth, no remote references, and no regular expressions from the server (validation stays
 * linear in the input). Throws when the schema cannot be used; the tool is then withheld.
 */
export function zodFromToolSchema(schema: unknown): z.ZodType {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    throw new Error('not an object schema');
  if (canonicalJson(schema).length > MAX_SCHEMA_BYTES) throw new Error('schema too large');
  return z.fromJSONSchema(strip(schema, 0) as Parameters<typeof z.fromJSONSchema>[0]);
}

/** Where an argument problem is, never what the value was. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join('.') || '(arguments)';
      if (issue.code === 'unrecognized_keys') return `${path}: unexpected key`;
      if (issue.code === 'invalid_type') return `${path}: expected ${issue.expected}`;
      return `${path}: ${issue.code.replace(/_/g, ' ')}`;
    })
    .join('; ');
}

/** The MCP client's validator for tool output schemas, built the same safe way. */
export const linearSchemaValidator: jsonSchemaValidator = {
  getValidator<T>(schema: JsonSchemaType) {
    let compiled: z.ZodType | undefined;
    let problem: string | undefined;
    try {
      compiled = zodFromToolSchema(schema);
    } catch {
      problem = 'the output schema cannot be used';
    }
    return (input: unknown) => {
      if (compiled === undefined)
        return { valid: false, data: undefined, errorMessage: problem ?? 'invalid schema' };
      const parsed = compiled.safeParse(input);
      return parsed.success
        ? { valid: true, data: parsed.data as T, errorMessage: undefined }
        : { valid: false, data: undefined, errorMessage: describeIssues(parsed.error) };
    };
  },
};
