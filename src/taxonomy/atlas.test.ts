import { describe, expect, it } from 'vitest';
import { ATLAS_TACTICS, ATLAS_TECHNIQUES } from './atlas.js';
import { ATLAS_IDS, ATLAS_TACTIC_IDS } from './ids.js';

describe('ATLAS_TECHNIQUES', () => {
  it('has an entry for every ATLAS id and nothing else', () => {
    expect(Object.keys(ATLAS_TECHNIQUES)).toEqual([...ATLAS_IDS]);
    for (const id of ATLAS_IDS) expect(ATLAS_TECHNIQUES[id].id).toBe(id);
  });

  it('files every technique under at least one known tactic, and every tactic is used', () => {
    const used = new Set<string>();
    for (const id of ATLAS_IDS) {
      const tactics: readonly string[] = ATLAS_TECHNIQUES[id].tactics;
      expect(tactics.length, id).toBeGreaterThan(0);
      for (const tactic of tactics) {
        expect(ATLAS_TACTICS, `${id} → ${tactic}`).toHaveProperty(tactic);
        used.add(tactic);
      }
    }
    expect([...used].sort()).toEqual([...ATLAS_TACTIC_IDS].sort());
    for (const id of ATLAS_TACTIC_IDS) expect(ATLAS_TACTICS[id].id).toBe(id);
  });

  it('links each sub-technique to its listed parent, sharing its tactics and name prefix', () => {
    for (const id of ATLAS_IDS) {
      const entry: { readonly parent?: string; readonly name: string; readonly tactics: readonly string[] } =
        ATLAS_TECHNIQUES[id];
      const isSub = /\.\d{3}$/.test(id);
      expect(entry.parent !== undefined, id).toBe(isSub);
      if (entry.parent === undefined) continue;
      expect(id.startsWith(`${entry.parent}.`)).toBe(true);
      const parent = ATLAS_TECHNIQUES[entry.parent as keyof typeof ATLAS_TECHNIQUES];
      expect(parent, id).toBeDefined();
      expect(entry.tactics).toEqual(parent.tactics);
      expect(entry.name.startsWith(`${parent.name}: `)).toBe(true);
    }
  });

  it('uses the current ATLAS names for the core agent techniques', () => {
    expect(ATLAS_TECHNIQUES['AML.T0051'].name).toBe('LLM Prompt Injection');
    expect(ATLAS_TECHNIQUES['AML.T0051.001'].name).toBe('LLM Prompt Injection: Indirect');
    expect(ATLAS_TECHNIQUES['AML.T0053'].name).toBe('AI Agent Tool Invocation');
    expect(ATLAS_TECHNIQUES['AML.T0054'].name).toBe('LLM Jailbreak');
    expect(ATLAS_TECHNIQUES['AML.T0070'].name).toBe('RAG Poisoning');
    expect(ATLAS_TECHNIQUES['AML.T0080'].name).toBe('AI Agent Context Poisoning');
    expect(ATLAS_TECHNIQUES['AML.T0110'].name).toBe('AI Agent Tool Poisoning');
  });
});
