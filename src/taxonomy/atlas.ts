import type { AtlasId, AtlasTacticId } from './ids.js';

/**
 * MITRE ATLAS (Adversarial Threat Landscape for AI Systems): the techniques maestro cites, with
 * ATLAS's own names and tactics. Checked against the ATLAS data release 5.6.0
 * (github.com/mitre-atlas/atlas-data, dist/ATLAS.yaml). A sub-technique inherits its parent's
 * tactics and is named "Parent: Sub" as the ATLAS site shows it.
 */

export const ATLAS_DATA_VERSION = '5.6.0';

export interface AtlasTactic {
  readonly id: AtlasTacticId;
  readonly name: string;
}

export const ATLAS_TACTICS = {
  'AML.TA0001': { id: 'AML.TA0001', name: 'AI Attack Staging' },
  'AML.TA0003': { id: 'AML.TA0003', name: 'Resource Development' },
  'AML.TA0004': { id: 'AML.TA0004', name: 'Initial Access' },
  'AML.TA0005': { id: 'AML.TA0005', name: 'Execution' },
  'AML.TA0006': { id: 'AML.TA0006', name: 'Persistence' },
  'AML.TA0007': { id: 'AML.TA0007', name: 'Defense Evasion' },
  'AML.TA0008': { id: 'AML.TA0008', name: 'Discovery' },
  'AML.TA0010': { id: 'AML.TA0010', name: 'Exfiltration' },
  'AML.TA0011': { id: 'AML.TA0011', name: 'Impact' },
  'AML.TA0012': { id: 'AML.TA0012', name: 'Privilege Escalation' },
  'AML.TA0013': { id: 'AML.TA0013', name: 'Credential Access' },
} as const satisfies Readonly<Record<AtlasTacticId, AtlasTactic>>;

export interface AtlasTechnique {
  readonly id: AtlasId;
  readonly name: string;
  /** The tactics (adversary goals) ATLAS files this technique under, in ATLAS's order. */
  readonly tactics: readonly AtlasTacticId[];
  /** For a sub-technique, the technique it refines. */
  readonly parent?: AtlasId;
}

export const ATLAS_TECHNIQUES = {
  'AML.T0010': { id: 'AML.T0010', name: 'AI Supply Chain Compromise', tactics: ['AML.TA0004'] },
  'AML.T0020': { id: 'AML.T0020', name: 'Poison Training Data', tactics: ['AML.TA0003', 'AML.TA0006'] },
  'AML.T0024': { id: 'AML.T0024', name: 'Exfiltration via AI Inference API', tactics: ['AML.TA0010'] },
  'AML.T0029': { id: 'AML.T0029', name: 'Denial of AI Service', tactics: ['AML.TA0011'] },
  'AML.T0034': { id: 'AML.T0034', name: 'Cost Harvesting', tactics: ['AML.TA0011'] },
  'AML.T0034.002': {
    id: 'AML.T0034.002',
    name: 'Cost Harvesting: Agentic Resource Consumption',
    tactics: ['AML.TA0011'],
    parent: 'AML.T0034',
  },
  'AML.T0043': { id: 'AML.T0043', name: 'Craft Adversarial Data', tactics: ['AML.TA0001'] },
  'AML.T0051': { id: 'AML.T0051', name: 'LLM Prompt Injection', tactics: ['AML.TA0005'] },
  'AML.T0051.000': {
    id: 'AML.T0051.000',
    name: 'LLM Prompt Injection: Direct',
    tactics: ['AML.TA0005'],
    parent: 'AML.T0051',
  },
  'AML.T0051.001': {
    id: 'AML.T0051.001',
    name: 'LLM Prompt Injection: Indirect',
    tactics: ['AML.TA0005'],
    parent: 'AML.T0051',
  },
  'AML.T0051.002': {
    id: 'AML.T0051.002',
    name: 'LLM Prompt Injection: Triggered',
    tactics: ['AML.TA0005'],
    parent: 'AML.T0051',
  },
  'AML.T0053': { id: 'AML.T0053', name: 'AI Agent Tool Invocation', tactics: ['AML.TA0005', 'AML.TA0012'] },
  'AML.T0054': { id: 'AML.T0054', name: 'LLM Jailbreak', tactics: ['AML.TA0012', 'AML.TA0007'] },
  'AML.T0056': { id: 'AML.T0056', name: 'Extract LLM System Prompt', tactics: ['AML.TA0010'] },
  'AML.T0057': { id: 'AML.T0057', name: 'LLM Data Leakage', tactics: ['AML.TA0010'] },
  'AML.T0061': { id: 'AML.T0061', name: 'LLM Prompt Self-Replication', tactics: ['AML.TA0006'] },
  'AML.T0065': { id: 'AML.T0065', name: 'LLM Prompt Crafting', tactics: ['AML.TA0003'] },
  'AML.T0067': {
    id: 'AML.T0067',
    name: 'LLM Trusted Output Components Manipulation',
    tactics: ['AML.TA0007'],
  },
  'AML.T0068': { id: 'AML.T0068', name: 'LLM Prompt Obfuscation', tactics: ['AML.TA0007'] },
  'AML.T0069': { id: 'AML.T0069', name: 'Discover LLM System Information', tactics: ['AML.TA0008'] },
  'AML.T0070': { id: 'AML.T0070', name: 'RAG Poisoning', tactics: ['AML.TA0006'] },
  'AML.T0077': { id: 'AML.T0077', name: 'LLM Response Rendering', tactics: ['AML.TA0010'] },
  'AML.T0080': { id: 'AML.T0080', name: 'AI Agent Context Poisoning', tactics: ['AML.TA0006'] },
  'AML.T0080.000': {
    id: 'AML.T0080.000',
    name: 'AI Agent Context Poisoning: Memory',
    tactics: ['AML.TA0006'],
    parent: 'AML.T0080',
  },
  'AML.T0080.001': {
    id: 'AML.T0080.001',
    name: 'AI Agent Context Poisoning: Thread',
    tactics: ['AML.TA0006'],
    parent: 'AML.T0080',
  },
  'AML.T0081': {
    id: 'AML.T0081',
    name: 'Modify AI Agent Configuration',
    tactics: ['AML.TA0006', 'AML.TA0007'],
  },
  'AML.T0083': { id: 'AML.T0083', name: 'Credentials from AI Agent Configuration', tactics: ['AML.TA0013'] },
  'AML.T0086': {
    id: 'AML.T0086',
    name: 'Exfiltration via AI Agent Tool Invocation',
    tactics: ['AML.TA0010'],
  },
  'AML.T0098': { id: 'AML.T0098', name: 'AI Agent Tool Credential Harvesting', tactics: ['AML.TA0013'] },
  'AML.T0099': { id: 'AML.T0099', name: 'AI Agent Tool Data Poisoning', tactics: ['AML.TA0006'] },
  'AML.T0101': {
    id: 'AML.T0101',
    name: 'Data Destruction via AI Agent Tool Invocation',
    tactics: ['AML.TA0011'],
  },
  'AML.T0110': { id: 'AML.T0110', name: 'AI Agent Tool Poisoning', tactics: ['AML.TA0006'] },
} as const satisfies Readonly<Record<AtlasId, AtlasTechnique>>;
