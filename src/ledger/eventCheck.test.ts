import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MaestroError } from '../errors/index.js';
import { eventLeafHash } from './buildRiskEvent.js';
import { canonicalEventJson, validEventLeafHash } from './canonicalEvent.js';
import { canonicalJson } from './canonicalJson.js';
import { parseRiskEvent, riskEventProblem } from './eventCheck.js';
import { isIsoUtcMs, type RiskEvent, riskEventSchema } from './eventSchema.js';
import { eventFactory, riskEventArbitrary } from './fixtures/events.js';

type Mutation = (event: Record<string, unknown>) => void;

/** Ways a stored body can be wrong; each must be refused by both checks. */
const MUTATIONS: Record<string, Mutation> = {
  'extra field': (e) => {
    e.extra = 1;
  },
  'missing field': (e) => {
    delete e.lane;
  },
  'v 2': (e) => {
    e.v = 2;
  },
  'id lowercase': (e) => {
    e.id = String(e.id).toLowerCase();
  },
  'seq negative': (e) => {
    e.seq = -1;
  },
  'seq fraction': (e) => {
    e.seq = 1.5;
  },
  'seq string': (e) => {
    e.seq = '1';
  },
  'time without ms': (e) => {
    e.time = '2025-01-01T00:00:00Z';
  },
  'time 30 February': (e) => {
    e.time = '2025-02-30T00:00:00.000Z';
  },
  'type unknown': (e) => {
    e.type = 'other';
  },
  'lane unknown': (e) => {
    e.lane = 'maybe';
  },
  'severity unknown': (e) => {
    e.severity = 'huge';
  },
  'tenant empty': (e) => {
    e.tenantId = '';
  },
  'tenant with newline': (e) => {
    e.tenantId = 'a\nb';
  },
  'detector too long': (e) => {
    e.detector = 'd'.repeat(129);
  },
  'refs unknown kind': (e) => {
    e.refs = { owasp: ['LLM01'] };
  },
  'refs bad id': (e) => {
    e.refs = { controls: ['C1', 'X'] };
  },
  'refs layer 0': (e) => {
    e.refs = { layers: [0] };
  },
  'actor without keyId': (e) => {
    e.actor = { principal: 'p' };
  },
  'actor principal with ESC': (e) => {
    e.actor = { principal: '\u001b[2J', keyId: null };
  },
  'preview 81': (e) => {
    e.preview = 'p'.repeat(81);
  },
  'preview with LF': (e) => {
    e.preview = 'a\nb';
  },
  'preview lone surrogate': (e) => {
    e.preview = '\ud800';
  },
  'payloadHash uppercase': (e) => {
    e.payloadHash = 'A'.repeat(64);
  },
  'attributes array': (e) => {
    e.attributes = [];
  },
  'attributes __proto__': (e) => {
    e.attributes = JSON.parse('{"__proto__": 1}');
  },
  'attributes string with CR': (e) => {
    e.attributes = { a: 'x\ry' };
  },
  'traceId zero': (e) => {
    e.traceId = '0'.repeat(32);
  },
  'traceId uppercase': (e) => {
    e.traceId = 'A'.repeat(32);
  },
  'spanId short': (e) => {
    e.spanId = 'a'.repeat(15);
  },
};

const stored = (event: RiskEvent): Record<string, unknown> => JSON.parse(JSON.stringify(event));

describe('riskEventProblem (the fast check) agrees with riskEventSchema', () => {
  it('accepts every built event, as stored and parsed back', () => {
    fc.assert(
      fc.property(riskEventArbitrary, (event) => {
        expect(riskEventProblem(event)).toBeUndefined();
        expect(riskEventSchema.safeParse(stored(event)).success).toBe(true);
        expect(riskEventProblem(stored(event))).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('refuses every mutation, as zod does', () => {
    fc.assert(
      fc.property(riskEventArbitrary, fc.constantFrom(...Object.keys(MUTATIONS)), (event, name) => {
        const body = stored(event);
        MUTATIONS[name]!(body);
        expect(riskEventSchema.safeParse(body).success, name).toBe(false);
        expect(riskEventProblem(body), name).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });

  it('parseRiskEvent throws ERR_LEDGER_INVALID_EVENT with a path and without the value', () => {
    const event = eventFactory()();
    expect(parseRiskEvent(stored(event))).toEqual(event);
    const body = stored(event);
    body.preview = 'SECRET-IN-PREVIEW\n';
    try {
      parseRiskEvent(body);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MaestroError);
      expect((error as MaestroError).path).toEqual(['preview']);
      expect((error as MaestroError).message).not.toContain('SECRET');
    }
  });

  it('checks times exactly as Date does', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(0, 0, 1)),
          max: new Date(Date.UTC(9999, 11, 31)),
          noInvalidDate: true,
        }),
        (date) => {
          expect(isIsoUtcMs(date.toISOString())).toBe(true);
        },
      ),
    );
    for (const bad of [
      '2023-02-29T00:00:00.000Z',
      '2025-13-01T00:00:00.000Z',
      '2025-01-01T24:00:00.000Z',
      '2025-01-01T00:60:00.000Z',
      '2025-01-00T00:00:00.000Z',
    ]) {
      expect(isIsoUtcMs(bad)).toBe(false);
    }
    expect(isIsoUtcMs('2024-02-29T23:59:59.999Z')).toBe(true);
    expect(isIsoUtcMs('2000-02-29T00:00:00.000Z')).toBe(true);
    expect(isIsoUtcMs('1900-02-29T00:00:00.000Z')).toBe(false);
  });
});

describe('canonicalEventJson', () => {
  it('is canonicalJson for every valid event, and its leaf hash is eventLeafHash', () => {
    fc.assert(
      fc.property(riskEventArbitrary, (event) => {
        expect(canonicalEventJson(event)).toBe(canonicalJson(event));
        expect(canonicalEventJson(stored(event) as unknown as RiskEvent)).toBe(canonicalJson(event));
        expect(validEventLeafHash(event).equals(eventLeafHash(event))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
