import type {
  AtlasId,
  ControlId,
  Iso42001Id,
  LayerId,
  NistFunctionId,
  OwaspAgenticId,
  OwaspLlmId,
  ThreatId,
} from '../taxonomy/ids.js';

/** What a finding relates to in each framework. Every id must exist in `src/taxonomy`. */
export interface Refs {
  readonly layer: LayerId;
  readonly owaspLlm?: readonly OwaspLlmId[];
  readonly owaspAgentic?: readonly OwaspAgenticId[];
  readonly atlas?: readonly AtlasId[];
  readonly controls?: readonly ControlId[];
  readonly threats?: readonly ThreatId[];
  readonly nist?: readonly NistFunctionId[];
  /** ISO/IEC 42001:2023 Annex A objectives or controls. */
  readonly iso?: readonly Iso42001Id[];
}
