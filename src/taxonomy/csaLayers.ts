import { CSA_LAYER_NAMES, type CsaLayerName, LAYER_IDS, type LayerId } from './ids.js';
import { LAYERS } from './layers.js';

/** A layer of the Cloud Security Alliance's MAESTRO model, seen from our layers. */
export interface CsaLayer {
  /** The CSA's layer number, 1–7. */
  readonly number: number;
  readonly name: CsaLayerName;
  /** True for the layer the CSA draws across all others (Security & Compliance). */
  readonly crossCutting: boolean;
  /** Our layers that correspond to it; for the cross-cutting layer, all seven. */
  readonly layers: readonly LayerId[];
}

/** Name of the CSA layer that spans every other one rather than sitting in the stack. */
export const CSA_CROSS_CUTTING_LAYER: CsaLayerName = 'Security & Compliance';

/**
 * The CSA's seven layers in their order, each with the layers of ours that correspond. Derived
 * from `LAYERS[*].csaLayer` so the two directions cannot disagree.
 */
export const CSA_LAYERS: readonly CsaLayer[] = CSA_LAYER_NAMES.map((name, index) => {
  const crossCutting = name === CSA_CROSS_CUTTING_LAYER;
  return {
    number: index + 1,
    name,
    crossCutting,
    layers: crossCutting ? [...LAYER_IDS] : LAYER_IDS.filter((id) => LAYERS[id].csaLayer === name),
  };
});

/** "Model (CSA L1 Foundation Models)": a layer label both audiences can read. */
export function layerLabel(id: LayerId): string {
  const layer = LAYERS[id];
  const csaNumber = CSA_LAYER_NAMES.indexOf(layer.csaLayer) + 1;
  return `${layer.name} (CSA L${csaNumber} ${layer.csaLayer})`;
}
