import { describe, expect, it } from 'vitest';
import { CSA_CROSS_CUTTING_LAYER, CSA_LAYERS, layerLabel } from './csaLayers.js';
import { CSA_LAYER_NAMES, LAYER_IDS } from './ids.js';
import { LAYERS } from './layers.js';
import { MAESTRO_FOLDERS } from './modules.js';

describe('LAYERS', () => {
  it('has the seven layers, keyed by their own id, with the names users know', () => {
    expect(Object.keys(LAYERS).map(Number)).toEqual([...LAYER_IDS]);
    for (const id of LAYER_IDS) expect(LAYERS[id].id).toBe(id);
    expect(LAYER_IDS.map((id) => LAYERS[id].name)).toEqual([
      'Model',
      'Agent Logic',
      'Integration',
      'Monitoring',
      'Execution',
      'Environment',
      'Orchestration',
    ]);
  });

  it('lists threats with mitigations and names modules that exist in the layout', () => {
    for (const id of LAYER_IDS) {
      const layer = LAYERS[id];
      expect(layer.threats.length).toBeGreaterThanOrEqual(3);
      for (const t of layer.threats) {
        expect(t.threat.length).toBeGreaterThan(0);
        expect(t.mitigation.length).toBeGreaterThan(0);
      }
      expect(layer.modules.length).toBeGreaterThan(0);
      for (const module of layer.modules) {
        expect(MAESTRO_FOLDERS as readonly string[]).toContain(module.split('/')[0]);
      }
    }
  });

  it('maps each layer to a CSA layer in the stack, never to the cross-cutting one', () => {
    for (const id of LAYER_IDS) {
      expect(CSA_LAYER_NAMES).toContain(LAYERS[id].csaLayer);
      expect(LAYERS[id].csaLayer).not.toBe(CSA_CROSS_CUTTING_LAYER);
    }
    expect(LAYERS[1].csaLayer).toBe('Foundation Models');
    expect(LAYERS[4].csaLayer).toBe('Evaluation & Observability');
    expect(LAYERS[7].csaLayer).toBe('Agent Ecosystem');
  });
});

describe('CSA_LAYERS', () => {
  it('lists the seven CSA layers in order', () => {
    expect(CSA_LAYERS.map((l) => l.name)).toEqual([...CSA_LAYER_NAMES]);
    expect(CSA_LAYERS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('gives every CSA layer at least one of ours, and the cross-cutting one all seven', () => {
    for (const csa of CSA_LAYERS) {
      expect(csa.layers.length, csa.name).toBeGreaterThan(0);
      if (csa.crossCutting) expect(csa.layers).toEqual([...LAYER_IDS]);
    }
    expect(CSA_LAYERS.filter((l) => l.crossCutting).map((l) => l.name)).toEqual(['Security & Compliance']);
  });

  it('agrees with LAYERS in both directions', () => {
    for (const id of LAYER_IDS) {
      const owners = CSA_LAYERS.filter((l) => !l.crossCutting && l.layers.includes(id));
      expect(owners.map((l) => l.name)).toEqual([LAYERS[id].csaLayer]);
    }
  });

  it('labels a layer for both audiences', () => {
    expect(layerLabel(1)).toBe('Model (CSA L1 Foundation Models)');
    expect(layerLabel(7)).toBe('Orchestration (CSA L7 Agent Ecosystem)');
  });
});
