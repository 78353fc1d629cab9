import { describe, expect, it } from 'vitest';
import { OWASP_AGENTIC_IDS } from './ids.js';
import { OWASP_AGENTIC } from './owaspAgentic.js';

describe('OWASP_AGENTIC', () => {
  it('has the fifteen agentic threats under their published names', () => {
    expect(Object.keys(OWASP_AGENTIC)).toEqual([...OWASP_AGENTIC_IDS]);
    expect(OWASP_AGENTIC_IDS.map((id) => OWASP_AGENTIC[id].name)).toEqual([
      'Memory Poisoning',
      'Tool Misuse',
      'Privilege Compromise',
      'Resource Overload',
      'Cascading Hallucination Attacks',
      'Intent Breaking & Goal Manipulation',
      'Misaligned & Deceptive Behaviors',
      'Repudiation & Untraceability',
      'Identity Spoofing & Impersonation',
      'Overwhelming Human in the Loop',
      'Unexpected RCE and Code Attacks',
      'Agent Communication Poisoning',
      'Rogue Agents in Multi-Agent Systems',
      'Human Attacks on Multi-Agent Systems',
      'Human Manipulation',
    ]);
    for (const id of OWASP_AGENTIC_IDS) {
      expect(OWASP_AGENTIC[id].id).toBe(id);
      expect(OWASP_AGENTIC[id].summary.length).toBeGreaterThan(0);
    }
  });
});
