/**
 * The documented flaws of deliberately vulnerable agent projects, in our own words, as the
 * ground truth of `npm run eval:review`. A flaw counts as found when a finding of one of its
 * rules lies under one of its paths. The projects are not copied here: the evaluation takes
 * their checkouts as arguments.
 */
export interface DocumentedFlaw {
  readonly id: string;
  readonly title: string;
  /** Path prefixes (relative to the project root) where the flaw lives. */
  readonly paths: readonly string[];
  /** Rules that, firing there, find it. */
  readonly rules: readonly string[];
}

export interface GroundTruth {
  readonly project: string;
  /** Where the flaws are documented. */
  readonly source: string;
  readonly revision: string;
  readonly flaws: readonly DocumentedFlaw[];
}

export const GROUND_TRUTH: Readonly<Record<string, GroundTruth>> = {
  dvmcp: {
    project: 'Damn Vulnerable MCP Server',
    source: 'github.com/harishsg993010/damn-vulnerable-MCP-server, docs/challenges.md (ten challenges)',
    revision: 'c7cb1e9',
    flaws: [
      {
        id: 'challenge 1',
        title: 'Prompt injection: user input reflected into resource text the model reads',
        paths: ['challenges/easy/challenge1/'],
        rules: ['MAESTRO-L1-001', 'MAESTRO-L1-003'],
      },
      {
        id: 'challenge 2',
        title: 'Tool poisoning: hidden instructions in tool descriptions',
        paths: ['challenges/easy/challenge2/'],
        rules: ['MAESTRO-L7-003'],
      },
      {
        id: 'challenge 3',
        title: 'Excessive permission scope: a file tool reads and deletes outside its folder',
        paths: ['challenges/easy/challenge3/'],
        rules: ['MAESTRO-L6-005'],
      },
      {
        id: 'challenge 4',
        title: 'Rug pull: a tool rewrites its own description after a few calls',
        paths: ['challenges/medium/challenge4/'],
        rules: ['MAESTRO-L7-004', 'MAESTRO-L7-003'],
      },
      {
        id: 'challenge 5',
        title: 'Tool shadowing: a tool that overrides a trusted one carries hidden instructions',
        paths: ['challenges/medium/challenge5/'],
        rules: ['MAESTRO-L7-003'],
      },
      {
        id: 'challenge 6',
        title: 'Indirect prompt injection: documents handed to the model unsanitised',
        paths: ['challenges/medium/challenge6/'],
        rules: ['MAESTRO-L1-003'],
      },
      {
        id: 'challenge 7',
        title: 'Token theft: service tokens kept in the code and handed out by tools',
        paths: ['challenges/medium/challenge7/'],
        rules: ['MAESTRO-L6-001', 'MAESTRO-L3-003'],
      },
      {
        id: 'challenge 8',
        title: 'Malicious code execution: a tool evaluates or runs its input as code',
        paths: ['challenges/hard/challenge8/'],
        rules: ['MAESTRO-L6-004', 'MAESTRO-L1-002'],
      },
      {
        id: 'challenge 9',
        title: 'Remote access: command injection in the network diagnostic tools',
        paths: ['challenges/hard/challenge9/'],
        rules: ['MAESTRO-L6-004'],
      },
      {
        id: 'challenge 10',
        title: 'Multi-vector: poisoned descriptions, leaked credentials and command execution chained',
        paths: ['challenges/hard/challenge10/'],
        rules: ['MAESTRO-L7-003', 'MAESTRO-L6-001', 'MAESTRO-L6-004'],
      },
    ],
  },
  dvla: {
    project: 'Damn Vulnerable LLM Agent',
    source: 'github.com/ReversecLabs/damn-vulnerable-llm-agent, README.md (two flags)',
    revision: 'c0cf9a1',
    flaws: [
      {
        id: 'flag 1',
        title:
          'Prompt injection makes the agent fetch another user’s transactions: the tool takes the userId from the model, unchecked',
        paths: ['tools.py'],
        rules: ['MAESTRO-L2-002', 'MAESTRO-L2-001'],
      },
      {
        id: 'flag 2',
        title: 'SQL injection through the transactions tool’s userId (UNION-based password theft)',
        paths: ['transaction_db.py'],
        rules: ['MAESTRO-L6-006'],
      },
    ],
  },
};
