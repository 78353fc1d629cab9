import {
  type Context,
  type ContextManager,
  context,
  ROOT_CONTEXT,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaestroError } from '../errors/index.js';
import { type BuildAt, buildRiskEvent, eventLeafHash, REDACTION_FAILED_PREVIEW } from './buildRiskEvent.js';
import { canonicalJson } from './canonicalJson.js';
import { riskEventProblem } from './eventCheck.js';
import { createEventIdFactory, ULID_PATTERN } from './eventId.js';
import { eventRefsFromFinding } from './eventRefs.js';
import type { RiskEvent, RiskEventInput } from './eventSchema.js';
import { sampleInput, T0 } from './fixtures/events.js';
import { leafHash, sha256 } from './hashes.js';
import { isEscapedCodeUnit } from './safeText.js';

const nextId = createEventIdFactory();
const at = (overrides: Partial<BuildAt> = {}): BuildAt => {
  const time = new Date(T0);
  return { id: nextId(time), seq: 0, time, traceIds: () => undefined, ...overrides };
};
const build = (overrides: Partial<RiskEventInput> = {}, when: Partial<BuildAt> = {}): RiskEvent =>
  buildRiskEvent(sampleInput(overrides), at(when));

function rejection(input: unknown, when: Partial<BuildAt> = {}): MaestroError {
  try {
    buildRiskEvent(input as RiskEventInput, at(when));
  } catch (error) {
    expect(error).toBeInstanceOf(MaestroError);
    expect((error as MaestroError).code).toBe('ERR_LEDGER_INVALID_EVENT');
    return error as MaestroError;
  }
  throw new Error('expected ERR_LEDGER_INVALID_EVENT');
}

/** Every string anywhere in a value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      strings(item, out);
    }
  }
  return out;
}

function hasRawControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isEscapedCodeUnit(text.charCodeAt(i))) return true;
  return !text.isWellFormed();
}

describe('buildRiskEvent', () => {
  it('builds the canonical stored form with every field present', () => {
    const event = build({
      lane: undefined,
      actor: { principal: 'agent:planner', keyId: 'ed25519:0123456789abcdef' },
    });
    expect(event).toEqual({
      v: 1,
      id: expect.stringMatching(ULID_PATTERN),
      tenantId: 'tenant-a',
      seq: 0,
      time: new Date(T0).toISOString(),
      type: 'injection',
      lane: null,
      severity: 'high',
      detector: 'rules:ignore-previous',
      refs: { layers: [1], owaspLlm: ['LLM01'], atlas: ['AML.T0051'], controls: ['C2'] },
      actor: { principal: 'agent:planner', keyId: 'ed25519:0123456789abcdef' },
      preview: 'Ignore all previous instructions',
      payloadHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      attributes: { source: 'retrieval', score: 0.93 },
      traceId: null,
      spanId: null,
    });
    expect(riskEventProblem(event)).toBeUndefined();
  });

  it('fills absent optional fields with null or empty values', () => {
    const event = buildRiskEvent(
      { tenantId: 't', type: 'rate_limited', severity: 'low', detector: 'gateway:rate-limit' },
      at(),
    );
    expect(event).toMatchObject({
      lane: null,
      refs: {},
      actor: null,
      preview: '',
      payloadHash: null,
      attributes: {},
    });
  });

  it('hashes the payload (canonical JSON, SHA-256) and never stores it', () => {
    const payload = { arguments: { to: 'someone', amount: 12 }, secret: 'PAYLOAD-ONLY-MARKER' };
    const event = build({ payload });
    expect(event.payloadHash).toBe(sha256(Buffer.from(canonicalJson(payload))).toString('hex'));
    expect(JSON.stringify(event)).not.toContain('PAYLOAD-ONLY-MARKER');
    expect(Object.keys(event)).not.toContain('payload');
    // Key order does not matter; content does.
    expect(
      build({ payload: { secret: payload.secret, arguments: { amount: 12, to: 'someone' } } }).payloadHash,
    ).toBe(event.payloadHash);
    expect(build({ payload: { ...payload, secret: 'other' } }).payloadHash).not.toBe(event.payloadHash);
    expect(build({ payload: undefined, payloadHash: 'AB'.repeat(32) }).payloadHash).toBe('ab'.repeat(32));
    expect(rejection(sampleInput({ payloadHash: 'ab'.repeat(32) })).path).toEqual(['payloadHash']);
    expect(rejection(sampleInput({ payload: { n: Number.NaN } })).path).toEqual(['payload', 'n']);
  });

  it('normalises refs: sorted, deduplicated, empty kinds left out', () => {
    const event = build({ refs: { layers: [4, 1, 4], controls: ['C9', 'C20', 'C9'], atlas: [] } });
    expect(event.refs).toEqual({ layers: [1, 4], controls: ['C20', 'C9'] });
    expect(eventRefsFromFinding({ layer: 1, owaspLlm: ['LLM01'], controls: ['C2', 'C1'] })).toEqual({
      layers: [1],
      owaspLlm: ['LLM01'],
      controls: ['C1', 'C2'],
    });
  });

  it('takes the time from the input when given, else when it is logged', () => {
    expect(build({ time: '2024-02-29T23:59:59+01:00' }).time).toBe('2024-02-29T22:59:59.000Z');
    expect(build({ time: new Date(Date.UTC(2020, 5, 1)) }).time).toBe('2020-06-01T00:00:00.000Z');
    expect(build().time).toBe(new Date(T0).toISOString());
    expect(rejection(sampleInput({ time: 'yesterday' })).path).toEqual(['time']);
    expect(rejection(sampleInput({ time: new Date(Number.NaN) })).path).toEqual(['time']);
  });

  it('rejects bad input with ERR_LEDGER_INVALID_EVENT, a path, and never the value', () => {
    const secret = 'SECRET-VALUE-7f3a';
    const cases: Array<[unknown, ReadonlyArray<string | number>]> = [
      [{ ...sampleInput(), type: secret }, ['type']],
      [{ ...sampleInput(), lane: secret }, ['lane']],
      [{ ...sampleInput(), severity: secret }, ['severity']],
      [{ ...sampleInput(), tenantId: `${secret}\n` }, ['tenantId']],
      [{ ...sampleInput(), tenantId: '' }, ['tenantId']],
      [{ ...sampleInput(), detector: secret.repeat(20) }, ['detector']],
      [{ ...sampleInput(), refs: { controls: [secret] } }, ['refs', 'controls', 0]],
      [{ ...sampleInput(), refs: { layers: [8] } }, ['refs', 'layers', 0]],
      [{ ...sampleInput(), actor: { principal: '' } }, ['actor', 'principal']],
      [{ ...sampleInput(), actor: { principal: 'p', keyId: `${secret}\u202e` } }, ['actor', 'keyId']],
      [{ ...sampleInput(), traceId: secret }, ['traceId']],
      [{ ...sampleInput(), traceId: '0'.repeat(32) }, ['traceId']],
      [{ ...sampleInput(), spanId: '00f067aa0ba902b7' }, ['spanId']],
      [{ ...sampleInput(), payloadHash: secret }, ['payloadHash']],
      [{ ...sampleInput(), attributes: { [`${secret} key`]: 1 } }, ['attributes']],
      [{ ...sampleInput(), attributes: { k: [secret, Number.POSITIVE_INFINITY] } }, ['attributes', 'k', 1]],
      [{ ...sampleInput(), [secret]: 1 }, []],
      [{ ...sampleInput(), tenantId: undefined }, ['tenantId']],
      [null, []],
      [secret, []],
    ];
    for (const [input, path] of cases) {
      const error = rejection(input);
      expect(error.path, JSON.stringify(path)).toEqual(path);
      expect(error.message).not.toContain('SECRET-VALUE');
      expect(JSON.stringify(error)).not.toContain('SECRET-VALUE');
    }
  });

  it('validates what the writer supplies', () => {
    expect(rejection(sampleInput(), { id: 'not-a-ulid' }).path).toEqual(['id']);
    expect(rejection(sampleInput(), { seq: -1 }).path).toEqual(['seq']);
    expect(rejection(sampleInput(), { seq: 1.5 }).path).toEqual(['seq']);
    expect(rejection(sampleInput(), { time: new Date(Number.NaN) }).path).toEqual(['time']);
  });

  it('redacts, escapes and cuts the preview; a failing redactor withholds it', () => {
    const event = build({
      preview: `mail jane.doe@example.com\nkey sk_test_${'F'.repeat(24)} ${'word '.repeat(40)}`,
    });
    expect(event.preview.length).toBeLessThanOrEqual(80);
    expect(event.preview).toContain('[EMAIL_ADDRESS]\\u{0A}key [TOKEN]');
    expect(event.preview).not.toContain('jane.doe');
    expect(event.preview.endsWith('…')).toBe(true);
    const injected = build(
      { preview: 'custom', payload: undefined },
      { redact: (text) => text.toUpperCase() },
    );
    expect(injected.preview).toBe('CUSTOM');
    // The injected redactor's output is escaped and bounded too.
    expect(build({ preview: 'x' }, { redact: () => `a\nb${'c'.repeat(200)}` }).preview).toMatch(
      /^a\\u\{0A\}bc+…$/,
    );
    const failing = build(
      { preview: 'password=hunter2' },
      {
        redact: () => {
          throw new Error('redactor crashed on password=hunter2');
        },
      },
    );
    expect(failing.preview).toBe(REDACTION_FAILED_PREVIEW);
  });

  it('gives the leaf hash of the canonical JSON', () => {
    const event = build();
    expect(eventLeafHash(event).toString('hex')).toBe(
      leafHash(Buffer.from(canonicalJson(event))).toString('hex'),
    );
    expect(eventLeafHash({ ...event, preview: 'changed' }).equals(eventLeafHash(event))).toBe(false);
  });
});

describe('log injection is impossible by construction', () => {
  const hostile = [
    'line one\r\nFAKE 2025-01-01 admin logged in',
    '\u001b[2J\u001b[31mred\u001b[0m\u0007',
    '","tenantId":"victim","type":"approval","x":"',
    '{"v":1,"id":"forged"}\n{"v":1}',
    'para\u2028graph\u2029sep\u0085nel',
    'admin\u202egnp.exe\u2066\u2069\u200f',
    'nul\u0000byte\u007fdel',
    'lone \ud800 surrogate \udfff',
    'x'.repeat(10 * 1024 * 1024),
    '\n'.repeat(1024 * 1024),
  ];

  it('stores free text bounded, escaped, single-line; refuses hostile identifiers', () => {
    for (const text of hostile) {
      const event = build({
        preview: text,
        actor: { principal: text.length === 0 ? 'p' : text },
        attributes: { note: text, list: [text, { inner: text }] },
      });
      expect(riskEventProblem(event)).toBeUndefined();
      expect(event.preview.length).toBeLessThanOrEqual(80);
      expect(event.actor!.principal.length).toBeLessThanOrEqual(256);
      for (const value of strings(event))
        expect(hasRawControl(value), JSON.stringify(value.slice(0, 40))).toBe(false);
      const rendered = canonicalJson(event);
      expect(Buffer.byteLength(rendered)).toBeLessThan(4096);
      expect(rendered).not.toMatch(/[\r\n\u2028\u2029]/);
      // A plain-text rendering of the fields is one line, too.
      const line = `${event.time} ${event.tenantId} ${event.type} ${event.actor!.principal} ${event.preview} ${JSON.stringify(event.attributes)}`;
      expect(line.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/)).toHaveLength(1);
      // The forged JSON stays inside its string: the parsed event is still the real one.
      const parsed = JSON.parse(rendered) as RiskEvent;
      expect(parsed.tenantId).toBe('tenant-a');
      expect(parsed.type).toBe('injection');
      expect(parsed.id).toBe(event.id);
      // Names are refused rather than escaped when they hold such characters or are too long:
      // escaping would make two different names look alike.
      const badName = hasRawControl(text) || text.length > 128;
      for (const field of ['tenantId', 'detector'] as const) {
        if (badName) rejection(sampleInput({ [field]: text }));
        else expect(build({ [field]: text })[field]).toBe(text);
      }
      if (badName) rejection(sampleInput({ actor: { principal: 'p', keyId: text } }));
      rejection(sampleInput({ traceId: text }));
    }
  });

  it('refuses deep nesting without overflowing the stack', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    expect(rejection(sampleInput({ attributes: deep as Record<string, unknown> })).path?.[0]).toBe(
      'attributes',
    );
    expect(rejection(sampleInput({ payload: deep })).path?.[0]).toBe('payload');
  });

  it('cannot pollute prototypes through any field', () => {
    const base = sampleInput();
    const json = JSON.stringify({ ...base, attributes: undefined, payload: undefined });
    const withKey = (key: string, where: 'top' | 'attributes' | 'refs' | 'actor' | 'payload'): unknown => {
      const body = JSON.parse(json) as Record<string, unknown>;
      const evil = JSON.parse(`{"${key}": {"polluted": true, "tenantId": "victim"}}`) as Record<
        string,
        unknown
      >;
      if (where === 'top') return JSON.parse(`${json.slice(0, -1)},"${key}":{"polluted":true}}`);
      if (where === 'payload') return { ...body, payload: evil };
      if (where === 'actor') return { ...body, actor: { principal: 'p', ...evil } };
      return { ...body, [where]: evil };
    };
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      for (const where of ['top', 'attributes', 'refs', 'actor'] as const) rejection(withKey(key, where));
      // A payload is only hashed: any JSON is fine, and nothing of it lands in the event.
      const event = buildRiskEvent(withKey(key, 'payload') as RiskEventInput, at());
      expect(JSON.stringify(event)).not.toContain('polluted');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('tenantId');
  });
});

describe('trace ids', () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const spanId = '00f067aa0ba902b7';

  /** @opentelemetry/api has no context manager without an SDK; this minimal one keeps a stack. */
  class StackContextManager implements ContextManager {
    #stack: Context[] = [];
    active(): Context {
      return this.#stack[this.#stack.length - 1] ?? ROOT_CONTEXT;
    }
    with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
      ctx: Context,
      fn: F,
      thisArg?: ThisParameterType<F>,
      ...args: A
    ): ReturnType<F> {
      this.#stack.push(ctx);
      try {
        return fn.call(thisArg, ...args);
      } finally {
        this.#stack.pop();
      }
    }
    bind<T>(_ctx: Context, target: T): T {
      return target;
    }
    enable(): this {
      return this;
    }
    disable(): this {
      this.#stack = [];
      return this;
    }
  }

  beforeAll(() => {
    context.setGlobalContextManager(new StackContextManager());
  });
  afterAll(() => {
    context.disable();
  });

  const inSpan = <T>(fn: () => T, ids = { traceId, spanId }): T =>
    context.with(
      trace.setSpan(ROOT_CONTEXT, trace.wrapSpanContext({ ...ids, traceFlags: TraceFlags.SAMPLED })),
      fn,
    );
  const buildWithOtel = (overrides: Partial<RiskEventInput> = {}) =>
    buildRiskEvent(sampleInput(overrides), { ...at(), traceIds: undefined });

  it('come from the active OpenTelemetry span when the input has none', () => {
    expect(inSpan(() => buildWithOtel())).toMatchObject({ traceId, spanId });
    expect(buildWithOtel()).toMatchObject({ traceId: null, spanId: null });
  });

  it('come from the input when given, taking the span id only from the same trace', () => {
    const other = 'a'.repeat(32);
    expect(inSpan(() => buildWithOtel({ traceId: other.toUpperCase() }))).toMatchObject({
      traceId: other,
      spanId: null,
    });
    expect(inSpan(() => buildWithOtel({ traceId }))).toMatchObject({ traceId, spanId });
    expect(inSpan(() => buildWithOtel({ traceId: other, spanId: 'B'.repeat(16) }))).toMatchObject({
      traceId: other,
      spanId: 'b'.repeat(16),
    });
  });

  it('ignore an invalid active span context', () => {
    expect(inSpan(() => buildWithOtel(), { traceId: '0'.repeat(32), spanId })).toMatchObject({
      traceId: null,
    });
  });
});

describe('createEventIdFactory', () => {
  it('gives strictly increasing ULIDs within a millisecond and when the clock steps back', () => {
    const next = createEventIdFactory();
    const ids = [
      next(new Date(T0)),
      next(new Date(T0)),
      next(new Date(T0)),
      next(new Date(T0 - 5000)),
      next(new Date(T0 + 1)),
    ];
    for (const id of ids) expect(id).toMatch(ULID_PATTERN);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(() => next(new Date(Number.NaN))).toThrow(MaestroError);
  });

  it('draws different random parts in different factories', () => {
    const a = createEventIdFactory()(new Date(T0));
    const b = createEventIdFactory()(new Date(T0));
    expect(a.slice(0, 10)).toBe(b.slice(0, 10));
    expect(a).not.toBe(b);
  });
});
