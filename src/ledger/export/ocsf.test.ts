import { describe, expect, it } from 'vitest';
import type { RiskEvent } from '../eventSchema.js';
import { DETECTION_FINDING_CLASS_UID, OCSF_SCHEMA_VERSION, toOcsfDetectionFinding } from './ocsf.js';

const event: RiskEvent = {
  v: 1,
  id: '01JD8X3N4Q5R6S7T8V9W0XYZAB',
  tenantId: 'acme',
  seq: 41,
  time: '2026-11-23T10:00:00.123Z',
  type: 'injection',
  lane: 'block',
  severity: 'high',
  detector: 'rules:override.ignore-previous',
  refs: { layers: [1], owaspLlm: ['LLM01'], atlas: ['AML.T0051.000'], controls: ['C1', 'C2'] },
  actor: { principal: 'user:alice', keyId: 'k1' },
  preview: 'ignore all previous instructions and [redacted]',
  payloadHash: 'a'.repeat(64),
  attributes: { source: 'tool' },
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
};

describe('toOcsfDetectionFinding', () => {
  it('maps a risk event to an OCSF 1.3 Detection Finding', () => {
    const f = toOcsfDetectionFinding(event, { version: '0.1.0' });
    expect(f.class_uid).toBe(DETECTION_FINDING_CLASS_UID);
    expect(f.category_uid).toBe(2);
    expect(f.type_uid).toBe(200401);
    expect(f.activity_id).toBe(1);
    expect(f.time).toBe(Date.parse(event.time));
    expect(f.severity_id).toBe(4);
    expect(f.severity).toBe('High');
    expect([f.action_id, f.disposition_id]).toEqual([2, 2]);
    expect(f.metadata).toMatchObject({
      version: OCSF_SCHEMA_VERSION,
      uid: event.id,
      tenant_uid: 'acme',
      correlation_uid: event.traceId,
      product: { name: 'maestro', version: '0.1.0' },
    });
    expect(f.finding_info.uid).toBe(event.id);
    expect(f.finding_info.analytic.name).toBe(event.detector);
    expect(f.finding_info.types).toEqual(['injection', 'LLM01', 'AML.T0051.000']);
    expect(f.actor?.user).toEqual({ name: 'user:alice', uid: 'k1' });
    expect(f.unmapped.maestro).toMatchObject({ seq: 41, lane: 'block', payload_hash: 'a'.repeat(64) });
    expect(f.unmapped.maestro.refs).toEqual(event.refs);
  });

  it('maps every lane to an action and disposition, and omits what an event lacks', () => {
    const outcomes = (['auto', 'confirm', 'block', null] as const).map((lane) => {
      const f = toOcsfDetectionFinding({ ...event, lane }, { version: '0.1.0' });
      return [f.action_id, f.disposition_id];
    });
    expect(outcomes).toEqual([
      [1, 1],
      [99, 14],
      [2, 2],
      [0, 15],
    ]);
    const bare = toOcsfDetectionFinding(
      { ...event, actor: null, traceId: null, spanId: null, preview: '' },
      { version: '0.1.0' },
    );
    expect(bare.actor).toBeUndefined();
    expect(bare.metadata).not.toHaveProperty('correlation_uid');
    expect(bare.finding_info).not.toHaveProperty('desc');
    expect(bare.message).toBe('Prompt injection attempt');
  });

  it('renders as one JSON line whatever the event holds (events are escaped before storage)', () => {
    const line = JSON.stringify(toOcsfDetectionFinding(event, { version: '0.1.0' }));
    expect(line).not.toMatch(/[\n\r\u2028\u2029]/);
  });
});
