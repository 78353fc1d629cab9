/** The top-level folders of `src/` that implement controls (see the layout in the product brief). */
export const MAESTRO_FOLDERS = [
  'scan',
  'output',
  'policy',
  'exec',
  'ledger',
  'identity',
  'monitor',
  'gateway',
  'review',
  'config',
  'integrations',
  'cli',
] as const;
export type MaestroFolder = (typeof MAESTRO_FOLDERS)[number];

/** A folder, or a concept inside one (`exec/registry`): where in the code a control lives. */
export type MaestroModule = MaestroFolder | `${MaestroFolder}/${string}`;
