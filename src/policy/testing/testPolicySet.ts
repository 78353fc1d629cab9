import type { PolicyPrincipal, PolicyRequest } from '../request.js';

/** A small schema extension for tests: documents in folders, a counted write, a delete and a payment. */
export const TEST_SCHEMA = `namespace Maestro {
  entity Folder;
  entity Doc in [Folder] {
    tenant: String,
    owner?: User,
  };
  type CountContext = {
    tenant: String,
    riskPercent: Long,
    riskScore: decimal,
    scanLane: String,
    time: Long,
    args: { count: Long, note?: String },
  };
  action "tool:doc.read" in [Action::"effect:read"] appliesTo {
    principal: [Agent, User], resource: [Doc], context: Context,
  };
  action "tool:doc.write" in [Action::"effect:write"] appliesTo {
    principal: [Agent, User], resource: [Doc], context: CountContext,
  };
  action "tool:doc.delete" in [Action::"effect:destructive"] appliesTo {
    principal: [Agent, User], resource: [Doc], context: Context,
  };
  action "tool:pay" in [Action::"effect:financial", Action::"effect:external"] appliesTo {
    principal: [Agent, User], resource: [Tool], context: CountContext,
  };
}
`;

/** 2025-03-04T10:00:00Z, for engines with a fixed clock. */
export const TEST_NOW_MS = Date.UTC(2025, 2, 4, 10, 0, 0);

export function testAgent(overrides: Partial<PolicyPrincipal> = {}): PolicyPrincipal {
  return { kind: 'agent', id: 'agent-1', tenant: 'acme', claims: {}, ...overrides } as PolicyPrincipal;
}

/** A read of an acme document by an acme agent; override any part. */
export function readRequest(overrides: Partial<PolicyRequest> = {}): PolicyRequest {
  return {
    principal: testAgent(),
    tool: 'doc.read',
    tenant: 'acme',
    resource: { type: 'Doc', id: 'doc-1', tenant: 'acme' },
    ...overrides,
  };
}

/** A counted write of an acme document. */
export function writeRequest(count: number, overrides: Partial<PolicyRequest> = {}): PolicyRequest {
  return readRequest({ tool: 'doc.write', args: { count }, ...overrides });
}
