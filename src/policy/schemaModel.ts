import type { EntityJson, SchemaJson, TypeAndId } from '@cedar-policy/cedar-wasm/nodejs';
import {
  ACTION_TYPE,
  effectOf,
  MAESTRO_NAMESPACE,
  TOOL_EFFECTS,
  type ToolEffect,
  toolNameOf,
  uidKey,
} from './names.js';
import type { PolicyProblem } from './problems.js';

/** The type of a value as the schema declares it, reduced to what building a request needs. */
export type ValueType =
  | { readonly kind: 'string' }
  | { readonly kind: 'long' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'set'; readonly element: ValueType }
  | RecordType
  | { readonly kind: 'entity'; readonly name: string }
  | { readonly kind: 'extension'; readonly name: ExtensionName };

export interface RecordType {
  readonly kind: 'record';
  readonly attributes: ReadonlyArray<{
    readonly name: string;
    readonly type: ValueType;
    readonly required: boolean;
  }>;
}

export const EXTENSION_NAMES = ['decimal', 'datetime', 'duration', 'ipaddr'] as const;
export type ExtensionName = (typeof EXTENSION_NAMES)[number];

export interface EntityTypeModel {
  readonly name: string;
  /** Declared attributes; an entity type without a shape has none. */
  readonly shape: RecordType;
  /** Entity types its parents may have. */
  readonly memberOfTypes: ReadonlySet<string>;
  /** For enumerated entity types: the only ids it has. */
  readonly enumIds: ReadonlySet<string> | undefined;
}

export interface ActionModel {
  /** `Type::"id"`, as `uidKey` prints it. */
  readonly key: string;
  readonly type: string;
  readonly id: string;
  readonly principalTypes: ReadonlySet<string>;
  readonly resourceTypes: ReadonlySet<string>;
  readonly context: RecordType;
  /** Keys of every action group this action is in, directly or through other groups. */
  readonly ancestors: ReadonlySet<string>;
  /**
   * The action as an entity, its parents already transitively closed: what Cedar needs to
   * evaluate `action in <group>` without being handed the whole schema on every decision.
   */
  readonly entity: EntityJson;
}

/** A tool: an action `Maestro::Action::"tool:<name>"` that requests can name. */
export interface ToolModel {
  readonly name: string;
  readonly action: ActionModel;
  readonly effects: readonly ToolEffect[];
}

export interface SchemaModel {
  readonly entityTypes: ReadonlyMap<string, EntityTypeModel>;
  readonly actions: ReadonlyMap<string, ActionModel>;
  readonly tools: ReadonlyMap<string, ToolModel>;
}

const EMPTY_RECORD: RecordType = { kind: 'record', attributes: [] };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function qualify(namespace: string, name: string): string {
  return namespace === '' || name.includes('::') ? name : `${namespace}::${name}`;
}

function unprefixed(name: string): string {
  return name.startsWith('__cedar::') ? name.slice('__cedar::'.length) : name;
}

/** Cedar's JSON uses special keys for entity references and extension values: never as attribute names. */
function isReservedAttribute(name: string): boolean {
  return name.startsWith('__');
}

/**
 * Turns Cedar's resolved JSON schema into lookup tables for building requests: attribute types
 * of every entity type and action context, the action hierarchy, and the tools. Problems are
 * the schema shapes maestro cannot build safe requests for.
 */
export function compileSchemaModel(
  json: SchemaJson<string>,
  problems: PolicyProblem[],
  place: (needle: string) => Partial<Pick<PolicyProblem, 'file' | 'line' | 'column'>> = () => ({}),
): SchemaModel {
  const commonTypes = new Map<string, { namespace: string; body: unknown }>();
  const entityNames = new Set<string>();
  for (const [namespace, definition] of Object.entries(json)) {
    for (const [name, body] of Object.entries(definition.commonTypes ?? {}))
      commonTypes.set(qualify(namespace, name), { namespace, body });
    for (const name of Object.keys(definition.entityTypes ?? {})) entityNames.add(qualify(namespace, name));
  }

  const resolved = new Map<string, ValueType>();
  const resolving = new Set<string>();
  const fail = (message: string): ValueType => {
    problems.push({ severity: 'error', message });
    return { kind: 'string' };
  };

  const byName = (name: string, namespace: string, where: string): ValueType => {
    const bare = unprefixed(name);
    if (bare === 'String') return { kind: 'string' };
    if (bare === 'Long') return { kind: 'long' };
    if (bare === 'Bool' || bare === 'Boolean') return { kind: 'bool' };
    if ((EXTENSION_NAMES as readonly string[]).includes(bare))
      return { kind: 'extension', name: bare as ExtensionName };
    for (const candidate of [qualify(namespace, bare), bare]) {
      const common = commonTypes.get(candidate);
      if (common !== undefined) {
        const cached = resolved.get(candidate);
        if (cached !== undefined) return cached;
        if (resolving.has(candidate)) return fail(`common type ${candidate} refers to itself`);
        resolving.add(candidate);
        const type = toType(common.body, common.namespace, candidate);
        resolving.delete(candidate);
        resolved.set(candidate, type);
        return type;
      }
      if (entityNames.has(candidate)) return { kind: 'entity', name: candidate };
    }
    return fail(`${where}: unknown type ${name}`);
  };

  const toType = (body: unknown, namespace: string, where: string): ValueType => {
    if (!isObject(body) || typeof body['type'] !== 'string') return fail(`${where}: a type without a name`);
    const type = body['type'];
    const name = typeof body['name'] === 'string' ? body['name'] : undefined;
    switch (type) {
      case 'Set':
        return { kind: 'set', element: toType(body['element'], namespace, `${where}[]`) };
      case 'Record': {
        const attributes: Array<{ name: string; type: ValueType; required: boolean }> = [];
        const declared = isObject(body['attributes']) ? body['attributes'] : {};
        for (const [attribute, attributeType] of Object.entries(declared)) {
          if (isReservedAttribute(attribute)) {
            problems.push({
              severity: 'error',
              message: `${where}.${attribute}: attribute names starting with "__" are reserved by Cedar's JSON format`,
            });
            continue;
          }
          attributes.push({
            name: attribute,
            type: toType(attributeType, namespace, `${where}.${attribute}`),
            required: !(isObject(attributeType) && attributeType['required'] === false),
          });
        }
        return { kind: 'record', attributes };
      }
      case 'Entity':
        return name === undefined
          ? fail(`${where}: an entity type without a name`)
          : { kind: 'entity', name: qualify(namespace, name) };
      case 'Extension':
        return name !== undefined && (EXTENSION_NAMES as readonly string[]).includes(name)
          ? { kind: 'extension', name: name as ExtensionName }
          : fail(`${where}: unknown extension type ${name ?? ''}`);
      case 'EntityOrCommon':
        return name === undefined ? fail(`${where}: a type without a name`) : byName(name, namespace, where);
      default:
        return byName(type, namespace, where);
    }
  };

  const asRecord = (type: ValueType, where: string): RecordType => {
    if (type.kind === 'record') return type;
    problems.push({ severity: 'error', message: `${where} must be a record type` });
    return EMPTY_RECORD;
  };

  const entityTypes = new Map<string, EntityTypeModel>();
  const actions = new Map<string, ActionModel>();
  const parents = new Map<string, string[]>();
  const uids = new Map<string, TypeAndId>();
  for (const [namespace, definition] of Object.entries(json)) {
    for (const [name, body] of Object.entries(definition.entityTypes ?? {})) {
      const full = qualify(namespace, name);
      const enumIds = 'enum' in body && Array.isArray(body.enum) ? new Set(body.enum) : undefined;
      const standard = body as { shape?: unknown; memberOfTypes?: string[] };
      entityTypes.set(full, {
        name: full,
        shape:
          standard.shape === undefined
            ? EMPTY_RECORD
            : asRecord(toType(standard.shape, namespace, full), full),
        memberOfTypes: new Set((standard.memberOfTypes ?? []).map((parent) => qualify(namespace, parent))),
        enumIds,
      });
    }
    const actionType = qualify(namespace, 'Action');
    for (const [id, body] of Object.entries(definition.actions ?? {})) {
      const key = uidKey(actionType, id);
      const applies = body.appliesTo;
      actions.set(key, {
        key,
        type: actionType,
        id,
        principalTypes: new Set((applies?.principalTypes ?? []).map((t) => qualify(namespace, t))),
        resourceTypes: new Set((applies?.resourceTypes ?? []).map((t) => qualify(namespace, t))),
        context:
          applies?.context === undefined
            ? EMPTY_RECORD
            : asRecord(toType(applies.context, namespace, `context of ${key}`), `context of ${key}`),
        ancestors: new Set(),
        entity: { uid: { type: actionType, id }, attrs: body.attributes ?? {}, parents: [] },
      });
      uids.set(key, { type: actionType, id });
      parents.set(
        key,
        (body.memberOf ?? []).map((parent) => {
          const uid = { type: parent.type ? qualify(namespace, parent.type) : actionType, id: parent.id };
          const parentKey = uidKey(uid.type, uid.id);
          uids.set(parentKey, uid);
          return parentKey;
        }),
      );
    }
  }
  for (const action of actions.values()) {
    const ancestors = action.ancestors as Set<string>;
    const queue = [...(parents.get(action.key) ?? [])];
    while (queue.length > 0) {
      const next = queue.pop();
      if (next === undefined || ancestors.has(next)) continue;
      ancestors.add(next);
      queue.push(...(parents.get(next) ?? []));
    }
    for (const ancestor of ancestors) {
      const uid = uids.get(ancestor);
      if (uid !== undefined) action.entity.parents.push(uid);
    }
  }

  const tools = new Map<string, ToolModel>();
  for (const action of actions.values()) {
    const name = toolNameOf(action.id);
    if (action.type !== ACTION_TYPE || name === undefined) continue;
    const effects: ToolEffect[] = [];
    for (const ancestor of action.ancestors) {
      const group = actions.get(ancestor);
      const effect = group?.type === ACTION_TYPE ? effectOf(group.id) : undefined;
      if (effect !== undefined && !effects.includes(effect)) effects.push(effect);
    }
    if (effects.length === 0) {
      problems.push({
        ...place(JSON.stringify(action.id)),
        severity: 'error',
        message: `${action.key} is in no effect group: declare it \`in [Action::"effect:read"]\` (or write, destructive, financial, external) so that effect policies cover it`,
      });
    }
    if (action.principalTypes.size === 0 || action.resourceTypes.size === 0) {
      problems.push({
        ...place(JSON.stringify(action.id)),
        severity: 'error',
        message: `${action.key} has no principal or resource types: give it \`appliesTo { principal: [Agent, User], resource: [...] }\``,
      });
    }
    effects.sort((a, b) => TOOL_EFFECTS.indexOf(a) - TOOL_EFFECTS.indexOf(b));
    tools.set(name, { name, action, effects });
  }
  return { entityTypes, actions, tools };
}

/** The model's entity type for a name as a request gives it: exact, or in the Maestro namespace. */
export function entityTypeNamed(model: SchemaModel, name: string): EntityTypeModel | undefined {
  return model.entityTypes.get(name) ?? model.entityTypes.get(`${MAESTRO_NAMESPACE}::${name}`);
}
