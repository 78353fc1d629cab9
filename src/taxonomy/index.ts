export {
  ATLAS_DATA_VERSION,
  ATLAS_TACTICS,
  ATLAS_TECHNIQUES,
  type AtlasTactic,
  type AtlasTechnique,
} from './atlas.js';
export { CONTROLS, type Control } from './controls.js';
export { CROSSWALK, defaultRefs, type LayerRefs } from './crosswalk.js';
export { CSA_CROSS_CUTTING_LAYER, CSA_LAYERS, type CsaLayer, layerLabel } from './csaLayers.js';
export {
  ATLAS_IDS,
  ATLAS_TACTIC_IDS,
  type AtlasId,
  type AtlasTacticId,
  CONTROL_IDS,
  type ControlId,
  CSA_LAYER_NAMES,
  type CsaLayerName,
  ISO_42001_CONTROL_IDS,
  ISO_42001_IDS,
  ISO_42001_OBJECTIVE_IDS,
  type Iso42001ControlId,
  type Iso42001Id,
  type Iso42001ObjectiveId,
  LAYER_IDS,
  type LayerId,
  NIST_FUNCTION_IDS,
  type NistFunctionId,
  OWASP_AGENTIC_IDS,
  OWASP_LLM_IDS,
  type OwaspAgenticId,
  type OwaspLlmId,
  THREAT_IDS,
  type ThreatId,
} from './ids.js';
export {
  ISO_42001_CONTROLS,
  ISO_42001_OBJECTIVES,
  type Iso42001Control,
  type Iso42001Objective,
} from './iso42001.js';
export { LAYERS, type Layer, type LayerThreat } from './layers.js';
export { describeRef, isKnownRef, REF_KINDS, type RefId, type RefKind, unknownRefIds } from './lookup.js';
export { MAESTRO_FOLDERS, type MaestroFolder, type MaestroModule } from './modules.js';
export { NIST_FUNCTIONS, type NistFunction } from './nist.js';
export { OWASP_AGENTIC, type OwaspAgenticThreat } from './owaspAgentic.js';
export { OWASP_LLM, OWASP_LLM_EDITION, type OwaspLlmRisk } from './owaspLlm.js';
export { ARCHITECTURE_LAYERS, type ArchitectureLayer, THREATS, type Threat } from './threats.js';
