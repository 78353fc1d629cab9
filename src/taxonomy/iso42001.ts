import type { Iso42001ControlId, Iso42001ObjectiveId } from './ids.js';

/** An ISO/IEC 42001:2023 Annex A control objective (a heading that groups controls). */
export interface Iso42001Objective {
  readonly id: Iso42001ObjectiveId;
  readonly title: string;
  /** What the controls under this heading are meant to achieve, in one line. */
  readonly aim: string;
}

/** An individual Annex A control. */
export interface Iso42001Control {
  readonly id: Iso42001ControlId;
  readonly title: string;
  readonly objective: Iso42001ObjectiveId;
}

/** The nine Annex A control objectives of ISO/IEC 42001:2023 (A.2–A.10). */
export const ISO_42001_OBJECTIVES = {
  'A.2': {
    id: 'A.2',
    title: 'Policies related to AI',
    aim: 'Management gives direction and support for AI through policy.',
  },
  'A.3': {
    id: 'A.3',
    title: 'Internal organization',
    aim: 'Accountability for responsible AI is established inside the organisation.',
  },
  'A.4': {
    id: 'A.4',
    title: 'Resources for AI systems',
    aim: 'The data, tools, computing and people an AI system needs are known and accounted for.',
  },
  'A.5': {
    id: 'A.5',
    title: 'Assessing impacts of AI systems',
    aim: 'Effects on individuals, groups and society are assessed across the life cycle.',
  },
  'A.6': {
    id: 'A.6',
    title: 'AI system life cycle',
    aim: 'AI systems are designed, built, deployed, operated and retired responsibly.',
  },
  'A.7': {
    id: 'A.7',
    title: 'Data for AI systems',
    aim: 'The role and effect of data in AI systems is understood and managed.',
  },
  'A.8': {
    id: 'A.8',
    title: 'Information for interested parties of AI systems',
    aim: 'People affected by an AI system get the information they need to understand and use it.',
  },
  'A.9': {
    id: 'A.9',
    title: 'Use of AI systems',
    aim: 'AI systems are used responsibly and as the organisation intends.',
  },
  'A.10': {
    id: 'A.10',
    title: 'Third-party and customer relationships',
    aim: 'Responsibilities stay clear when suppliers, partners or customers are involved.',
  },
} as const satisfies Readonly<Record<Iso42001ObjectiveId, Iso42001Objective>>;

/**
 * The Annex A controls maestro cites. Only controls whose number and title were confirmed in
 * several independent published control lists are here; the others of the 38 are left out
 * rather than guessed.
 */
export const ISO_42001_CONTROLS = {
  'A.2.2': { id: 'A.2.2', title: 'AI policy', objective: 'A.2' },
  'A.3.2': { id: 'A.3.2', title: 'AI roles and responsibilities', objective: 'A.3' },
  'A.3.3': { id: 'A.3.3', title: 'Reporting of concerns', objective: 'A.3' },
  'A.4.5': { id: 'A.4.5', title: 'System and computing resources', objective: 'A.4' },
  'A.6.2.4': { id: 'A.6.2.4', title: 'AI system verification and validation', objective: 'A.6' },
  'A.6.2.5': { id: 'A.6.2.5', title: 'AI system deployment', objective: 'A.6' },
  'A.6.2.6': { id: 'A.6.2.6', title: 'AI system operation and monitoring', objective: 'A.6' },
  'A.6.2.8': { id: 'A.6.2.8', title: 'AI system recording of event logs', objective: 'A.6' },
  'A.7.3': { id: 'A.7.3', title: 'Acquisition of data', objective: 'A.7' },
  'A.7.4': { id: 'A.7.4', title: 'Quality of data for AI systems', objective: 'A.7' },
  'A.7.5': { id: 'A.7.5', title: 'Data provenance', objective: 'A.7' },
  'A.8.4': { id: 'A.8.4', title: 'Communication of incidents', objective: 'A.8' },
  'A.9.2': { id: 'A.9.2', title: 'Processes for responsible use of AI systems', objective: 'A.9' },
  'A.9.3': { id: 'A.9.3', title: 'Objectives for responsible use of AI systems', objective: 'A.9' },
  'A.9.4': { id: 'A.9.4', title: 'Intended use of the AI system', objective: 'A.9' },
  'A.10.2': { id: 'A.10.2', title: 'Allocating responsibilities', objective: 'A.10' },
  'A.10.3': { id: 'A.10.3', title: 'Suppliers', objective: 'A.10' },
  'A.10.4': { id: 'A.10.4', title: 'Customers', objective: 'A.10' },
} as const satisfies Readonly<Record<Iso42001ControlId, Iso42001Control>>;
