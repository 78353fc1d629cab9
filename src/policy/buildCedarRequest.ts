import type { CedarValueJson, EntityJson, TypeAndId } from '@cedar-policy/cedar-wasm/nodejs';
import { LANES } from '../core/index.js';
import { entityIdProblem } from './entityIds.js';
import { AGENT_TYPE, TOOL_TYPE, USER_TYPE, uidKey } from './names.js';
import { projectRecord } from './projectValue.js';
import type { PolicyRequest } from './request.js';
import { RequestError } from './requestError.js';
import { type EntityTypeModel, entityTypeNamed, type SchemaModel, type ToolModel } from './schemaModel.js';

/** The parts of a Cedar authorization call that come from the request. */
export interface CedarRequest {
  readonly tool: ToolModel;
  readonly principal: TypeAndId;
  readonly action: TypeAndId;
  readonly resource: TypeAndId;
  readonly context: Record<string, CedarValueJson>;
  readonly entities: EntityJson[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkId(id: unknown, path: string): string {
  const problem = entityIdProblem(id);
  if (problem !== undefined) throw new RequestError(path, problem);
  return id as string;
}

function entityType(model: SchemaModel, type: unknown, path: string): EntityTypeModel {
  const found = typeof type === 'string' ? entityTypeNamed(model, type) : undefined;
  if (found === undefined)
    throw new RequestError(path, 'is not an entity type declared in the policy schema');
  return found;
}

function parentsOf(model: SchemaModel, of: EntityTypeModel, parents: unknown, path: string): TypeAndId[] {
  if (parents === undefined) return [];
  if (!Array.isArray(parents)) throw new RequestError(path, 'must be an array of { type, id }');
  return parents.map((parent: unknown, i) => {
    const where = `${path}[${i}]`;
    if (!isObject(parent)) throw new RequestError(where, 'must be { type, id }');
    const type = entityType(model, parent['type'], `${where}.type`);
    if (!of.memberOfTypes.has(type.name))
      throw new RequestError(`${where}.type`, `is not a parent type of ${of.name} in the policy schema`);
    return { type: type.name, id: checkId(parent['id'], `${where}.id`) };
  });
}

function entity(
  model: SchemaModel,
  type: EntityTypeModel,
  id: string,
  attributes: Record<string, unknown>,
  parents: unknown,
  path: string,
): EntityJson {
  if (type.enumIds !== undefined && !type.enumIds.has(id))
    throw new RequestError(`${path}.id`, `is not one of the ids of ${type.name}`);
  return {
    uid: { type: type.name, id },
    attrs: projectRecord(attributes, type.shape, path),
    parents: parentsOf(model, type, parents, `${path}.parents`),
  };
}

function ownAttributes(value: unknown, path: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isObject(value)) throw new RequestError(path, 'must be an object');
  return { ...value };
}

/** 9999-12-31T23:59:59Z. */
const MAX_EPOCH_SECONDS = 253_402_300_799;

/** Epoch milliseconds of the request time. */
function timeOf(time: PolicyRequest['time'], now: () => number): number {
  if (time === undefined) return now();
  if (time instanceof Date) return time.getTime();
  // Seconds up to the year 9999: a millisecond timestamp passed by mistake is refused, not misread.
  if (typeof time === 'number') return Math.abs(time) <= MAX_EPOCH_SECONDS ? time * 1000 : Number.NaN;
  if (typeof time === 'string') return Date.parse(time);
  return Number.NaN;
}

/** The risk score at 4 decimal places (a Cedar decimal's precision), in basis points. */
function riskBasisPoints(score: unknown): number {
  if (score === undefined) return 0;
  if (typeof score !== 'number' || !(score >= 0 && score <= 1))
    throw new RequestError('riskScore', 'must be a number from 0 to 1');
  // The score is a measurement: rounding it to Cedar's precision is not a change of meaning.
  return Math.round(score * 10_000);
}

function extraEntities(entities: unknown): readonly unknown[] {
  if (entities === undefined) return [];
  if (!Array.isArray(entities)) throw new RequestError('entities', 'must be an array');
  return entities;
}

/**
 * Builds the Cedar request for an intent, checked against the schema: the tool must be declared,
 * ids must be plain (see `entityIdProblem`), values must have the declared types, and only
 * declared attributes are passed. Throws `RequestError`; `decide` turns that into a deny.
 */
export function buildCedarRequest(
  model: SchemaModel,
  request: PolicyRequest,
  now: () => number,
): CedarRequest {
  if (!isObject(request)) throw new RequestError('request', 'must be an object');
  const tool = typeof request.tool === 'string' ? model.tools.get(request.tool) : undefined;
  if (tool === undefined) throw new RequestError('tool', 'is not a tool declared in the policy schema');
  const tenant = checkId(request.tenant, 'tenant');

  const p: unknown = request.principal;
  if (!isObject(p)) throw new RequestError('principal', 'must be an object');
  const principalType =
    p['kind'] === 'agent'
      ? entityType(model, AGENT_TYPE, 'principal.kind')
      : p['kind'] === 'user'
        ? entityType(model, USER_TYPE, 'principal.kind')
        : p['kind'] === undefined
          ? entityType(model, p['type'], 'principal.type')
          : undefined;
  if (principalType === undefined) throw new RequestError('principal.kind', 'must be "agent" or "user"');
  if (!tool.action.principalTypes.has(principalType.name))
    throw new RequestError('principal', `cannot call this tool: its type is not in the tool's appliesTo`);
  const principalId = checkId(p['id'], 'principal.id');
  const principalAttributes = ownAttributes(p['attributes'], 'principal.attributes');
  principalAttributes['tenant'] = checkId(p['tenant'], 'principal.tenant');
  principalAttributes['claims'] = p['claims'] ?? {};
  const entities: EntityJson[] = [
    entity(model, principalType, principalId, principalAttributes, p['parents'], 'principal'),
  ];

  let resource: TypeAndId;
  const r: unknown = request.resource;
  if (r === undefined) {
    const toolType = entityType(model, TOOL_TYPE, 'resource');
    resource = { type: toolType.name, id: tool.name };
    entities.push(entity(model, toolType, tool.name, {}, undefined, 'resource'));
  } else {
    if (!isObject(r)) throw new RequestError('resource', 'must be an object');
    const type = entityType(model, r['type'], 'resource.type');
    const attributes = ownAttributes(r['attributes'], 'resource.attributes');
    if (r['tenant'] !== undefined) attributes['tenant'] = checkId(r['tenant'], 'resource.tenant');
    resource = { type: type.name, id: checkId(r['id'], 'resource.id') };
    entities.push(entity(model, type, resource.id, attributes, r['parents'], 'resource'));
  }
  if (!tool.action.resourceTypes.has(resource.type))
    throw new RequestError('resource.type', `is not a resource type of this tool's appliesTo`);

  const seen = new Set([uidKey(principalType.name, principalId), uidKey(resource.type, resource.id)]);
  if (seen.size < 2) throw new RequestError('resource', 'must not be the principal itself');
  for (const [i, extra] of extraEntities(request.entities).entries()) {
    const path = `entities[${i}]`;
    if (!isObject(extra)) throw new RequestError(path, 'must be { type, id, attributes?, parents? }');
    const type = entityType(model, extra['type'], `${path}.type`);
    const id = checkId(extra['id'], `${path}.id`);
    const key = uidKey(type.name, id);
    if (seen.has(key)) throw new RequestError(path, 'repeats an entity of the request');
    seen.add(key);
    entities.push(
      entity(
        model,
        type,
        id,
        ownAttributes(extra['attributes'], `${path}.attributes`),
        extra['parents'],
        path,
      ),
    );
  }

  const ms = timeOf(request.time, now);
  if (!Number.isFinite(ms))
    throw new RequestError('time', 'must be a Date, an ISO 8601 string or epoch seconds');
  const scanLane = request.scanLane ?? 'auto';
  if (!(LANES as readonly string[]).includes(scanLane))
    throw new RequestError('scanLane', `must be one of ${LANES.join(', ')}`);
  const risk = riskBasisPoints(request.riskScore);
  // Every standard attribute is offered; the projection keeps those the tool's context declares.
  const context = projectRecord(
    {
      tenant,
      riskPercent: Math.ceil(risk / 100),
      riskScore: risk / 10_000,
      scanLane,
      time: Math.floor(ms / 1000),
      now: new Date(ms),
      args: request.args ?? {},
    },
    tool.action.context,
    'context',
  );
  return {
    tool,
    principal: { type: principalType.name, id: principalId },
    action: { type: tool.action.type, id: tool.action.id },
    resource,
    context,
    entities,
  };
}
