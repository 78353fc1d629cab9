import { describe, expect, it } from 'vitest';
import { CONTROLS } from './controls.js';
import { CONTROL_IDS } from './ids.js';
import { MAESTRO_FOLDERS } from './modules.js';

describe('CONTROLS', () => {
  it('has exactly C1–C23, each keyed by its own id', () => {
    expect(Object.keys(CONTROLS)).toEqual([...CONTROL_IDS]);
    expect(Object.keys(CONTROLS)).toHaveLength(23);
    for (const id of CONTROL_IDS) expect(CONTROLS[id].id).toBe(id);
  });

  it('gives every control a title, a description, an implementation and a module of the layout', () => {
    for (const id of CONTROL_IDS) {
      const control = CONTROLS[id];
      expect(control.title.length, id).toBeGreaterThan(0);
      expect(control.description.length, id).toBeGreaterThan(0);
      expect(control.implementation.length, id).toBeGreaterThan(0);
      expect(control.modules.length, id).toBeGreaterThan(0);
      for (const module of control.modules) {
        expect(MAESTRO_FOLDERS as readonly string[]).toContain(module.split('/')[0]);
      }
    }
  });

  it('has unique titles', () => {
    const titles = CONTROL_IDS.map((id) => CONTROLS[id].title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
