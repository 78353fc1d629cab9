import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { MaestroError } from '../../errors/index.js';

/** `{ "<server>": { "<tool>": "<sha256 pin>" } }`: descriptions approved by a person. */
const pinsSchema = z.record(
  z.string().max(64),
  z.record(z.string().max(128), z.string().regex(/^[0-9a-f]{64}$/)),
);
export type McpPins = z.output<typeof pinsSchema>;

/** Reads the pins file; a missing file is no pins, a malformed one refuses to start. */
export function readPins(file: string): McpPins {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return {};
    throw new MaestroError('ERR_CONFIG_INVALID', {
      message: `${file}: the MCP pins file cannot be read.`,
      cause: error,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new MaestroError('ERR_CONFIG_INVALID', {
      message: `${file}: the MCP pins file is not JSON.`,
      cause: error,
    });
  }
  const parsed = pinsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new MaestroError('ERR_CONFIG_INVALID', {
      message: `${file}: the MCP pins file is malformed at ${parsed.error.issues[0]?.path.join('.') ?? '?'}.`,
    });
  }
  return parsed.data;
}

/** Writes the pins atomically (a reader never sees half a file), readable by the owner only. */
export function writePins(file: string, pins: McpPins): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(pins, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
