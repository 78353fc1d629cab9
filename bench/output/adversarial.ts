import type { Sink } from '../../src/output/index.js';
import { fillToBytes } from '../lib/bytes.js';
import { mulberry32 } from '../lib/rng.js';
import type { AdversarialCase } from '../scan/adversarial.js';
import { base64Run } from './fakes.js';

/**
 * Inputs built to find super-linear paths in the output guard: token anchors that never
 * complete, key=value chains, URL and markup openers that never close, PII look-alikes and a
 * private key block without its end line. Each is built at an exact UTF-8 byte size.
 */
export interface OutputAdversarialCase extends AdversarialCase {
  /** The sink the input is scanned for (the one whose neutraliser it targets). */
  readonly sink: Sink;
}

const repeat = (unit: string) => (bytes: number) => fillToBytes([unit], bytes);

export const OUTPUT_ADVERSARIAL_CASES: readonly OutputAdversarialCase[] = [
  { name: 'one repeated character', description: '"a" repeated', sink: 'text', build: repeat('a') },
  {
    name: 'ghp_ repeated',
    description: '"ghp_ghp_ghp_…" (token anchor, no body)',
    sink: 'text',
    build: repeat('ghp_'),
  },
  { name: 'a=a=a=…', description: 'one long key=value chain', sink: 'text', build: repeat('a=') },
  {
    name: 'password=password=…',
    description: 'credential assignment chain',
    sink: 'text',
    build: repeat('password='),
  },
  {
    name: 'long base64 run',
    description: 'one random base64 run, no spaces',
    sink: 'text',
    build: (bytes) => base64Run(mulberry32(0xb64), bytes),
  },
  {
    name: ':// repeated',
    description: '"://://://…" (URL scheme separator)',
    sink: 'text',
    build: repeat('://'),
  },
  { name: '[[[[[ repeated', description: 'unclosed link openers', sink: 'markdown', build: repeat('[') },
  {
    name: '![a]( repeated',
    description: 'unclosed image destinations',
    sink: 'markdown',
    build: repeat('![a]('),
  },
  { name: '<a <a <a', description: 'unclosed anchor tags', sink: 'html', build: repeat('<a ') },
  { name: '@@@@', description: '"@" repeated (email scanner)', sink: 'text', build: repeat('@') },
  {
    name: '1 1 1 1',
    description: 'spaced digits (phone and card scanners)',
    sink: 'text',
    build: repeat('1 '),
  },
  {
    name: 'unterminated private key',
    description: '"-----BEGIN PRIVATE KEY-----" + base64 lines, no END line',
    sink: 'text',
    build: (bytes) => {
      const random = mulberry32(0x9e3);
      const lines: string[] = ['-----BEGIN PRIVATE KEY-----\n'];
      for (let i = 0; i * 65 < bytes; i++) lines.push(`${base64Run(random, 64)}\n`);
      return fillToBytes([lines.join('')], bytes);
    },
  },
];
