import { z } from 'zod';
import { CONTROL_IDS } from '../../taxonomy/ids.js';

export const COMPONENT_TYPES = [
  'user_interface',
  'agent_gateway',
  'agent_registry',
  'agent',
  'tool',
  'mcp_server',
  'knowledge_source',
  'memory',
  'model',
  'store',
  'external_service',
  'monitoring',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

/** Trust zones, outermost first: a flow between two zones crosses a trust boundary. */
export const ZONES = ['internet', 'dmz', 'internal', 'restricted', 'third_party'] as const;

const id = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'expected a lower-case id (a-z, 0-9, _ and -)');
const control = z.enum(CONTROL_IDS);

export const threatModelSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    description: z.string().max(4000).optional(),
    components: z
      .array(
        z.strictObject({
          id,
          name: z.string().min(1).max(200),
          type: z.enum(COMPONENT_TYPES),
          zone: z.enum(ZONES).default('internal'),
          /** Tools: what they can do (a tool that runs code or moves money is riskier). */
          capabilities: z
            .array(z.enum(['read', 'write', 'destructive', 'financial', 'code_execution', 'network']))
            .max(8)
            .default([]),
          controls: z.array(control).max(23).default([]),
          notes: z.string().max(2000).optional(),
        }),
      )
      .min(1)
      .max(500),
    flows: z
      .array(
        z.strictObject({
          from: id,
          to: id,
          data: z.string().min(1).max(200),
          authenticated: z.boolean().default(false),
          encrypted: z.boolean().default(false),
          controls: z.array(control).max(23).default([]),
        }),
      )
      .max(2000)
      .default([]),
    /** Controls in place across the whole system (a SIEM, a WORM log, policies in Git). */
    controls: z.array(control).max(23).default([]),
  })
  .superRefine((model, ctx) => {
    const ids = new Set<string>();
    model.components.forEach((c, i) => {
      if (ids.has(c.id))
        ctx.addIssue({
          code: 'custom',
          path: ['components', i, 'id'],
          message: `duplicate component id ${c.id}`,
        });
      ids.add(c.id);
    });
    model.flows.forEach((f, i) => {
      if (!ids.has(f.from))
        ctx.addIssue({ code: 'custom', path: ['flows', i, 'from'], message: `no component ${f.from}` });
      if (!ids.has(f.to))
        ctx.addIssue({ code: 'custom', path: ['flows', i, 'to'], message: `no component ${f.to}` });
    });
  });

export type ThreatModel = z.output<typeof threatModelSchema>;
export type Component = ThreatModel['components'][number];
export type Flow = ThreatModel['flows'][number];
