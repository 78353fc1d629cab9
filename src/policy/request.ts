import type { Lane } from '../core/index.js';

/** An entity named by type and id, e.g. `{ type: 'Maestro::Folder', id: 'finance' }`. */
export interface EntityRef {
  readonly type: string;
  readonly id: string;
}

/**
 * Who acts. `kind` picks `Maestro::Agent` or `Maestro::User`; `type` names another declared
 * principal type instead. `claims` are the identity token's claims (only those the schema
 * declares in `Maestro::Claims` are passed); `attributes` fill other declared attributes.
 * `parents` are group memberships: trusted input from your identity layer, never from a model.
 */
export type PolicyPrincipal = (
  | { readonly kind: 'agent' | 'user'; readonly type?: undefined }
  | { readonly type: string; readonly kind?: undefined }
) & {
  readonly id: string;
  readonly tenant: string;
  readonly claims?: Readonly<Record<string, unknown>>;
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly parents?: readonly EntityRef[];
};

/** What the call touches. `type` is a declared entity type (`Maestro::` may be left out). */
export interface PolicyResource {
  readonly type: string;
  readonly id: string;
  /** Shorthand for `attributes.tenant`. */
  readonly tenant?: string;
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly parents?: readonly EntityRef[];
}

/** Another entity an attribute refers to (e.g. a resource's owner), so policies can read it. */
export interface PolicyEntity {
  readonly type: string;
  readonly id: string;
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly parents?: readonly EntityRef[];
}

/**
 * An intent as the policy engine judges it: who wants to run which tool on what, with which
 * arguments, in which tenant, how risky the conversation is and what the scan proposed.
 */
export interface PolicyRequest {
  readonly principal: PolicyPrincipal;
  /** The tool's name; the action is `Maestro::Action::"tool:<name>"`. */
  readonly tool: string;
  /** Defaults to the tool itself, `Maestro::Tool::"<name>"`. */
  readonly resource?: PolicyResource;
  /** The tool's arguments, as validated by its schema (`context.args`). */
  readonly args?: Readonly<Record<string, unknown>>;
  /** The tenant the request is made in (`context.tenant`). */
  readonly tenant: string;
  /**
   * Risk of the conversation, 0..1; default 0. Policies see it as `context.riskPercent` (0..100,
   * rounded up) or, where a context declares it, `context.riskScore` (a decimal, 4 places).
   */
  readonly riskScore?: number;
  /** The lane the scan of the conversation proposed (`context.scanLane`); default `auto`. */
  readonly scanLane?: Lane;
  /** When: a Date, an ISO 8601 string or epoch seconds; default the engine's clock. */
  readonly time?: Date | string | number;
  readonly entities?: readonly PolicyEntity[];
}
