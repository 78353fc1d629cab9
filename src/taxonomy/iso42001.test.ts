import { describe, expect, it } from 'vitest';
import { ISO_42001_CONTROL_IDS, ISO_42001_OBJECTIVE_IDS } from './ids.js';
import { ISO_42001_CONTROLS, ISO_42001_OBJECTIVES } from './iso42001.js';

describe('ISO/IEC 42001 Annex A', () => {
  it('has the nine control objectives A.2–A.10', () => {
    expect(Object.keys(ISO_42001_OBJECTIVES)).toEqual([...ISO_42001_OBJECTIVE_IDS]);
    for (const id of ISO_42001_OBJECTIVE_IDS) expect(ISO_42001_OBJECTIVES[id].id).toBe(id);
  });

  it('files each listed control under the objective its number belongs to', () => {
    expect(Object.keys(ISO_42001_CONTROLS)).toEqual([...ISO_42001_CONTROL_IDS]);
    for (const id of ISO_42001_CONTROL_IDS) {
      const control = ISO_42001_CONTROLS[id];
      expect(control.id).toBe(id);
      expect(id.startsWith(`${control.objective}.`), id).toBe(true);
      expect(ISO_42001_OBJECTIVES).toHaveProperty(control.objective);
    }
  });

  it('includes the logging and monitoring controls', () => {
    expect(ISO_42001_CONTROLS['A.6.2.6'].title).toBe('AI system operation and monitoring');
    expect(ISO_42001_CONTROLS['A.6.2.8'].title).toBe('AI system recording of event logs');
  });
});
