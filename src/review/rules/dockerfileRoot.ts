import type { RawFinding, Rule } from '../rule.js';

function isDockerfile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return ['Dockerfile', 'Containerfile'].some(
    (d) =>
      name === d ||
      name.startsWith(`${d}.`) ||
      name.startsWith(`${d}-`) ||
      name.endsWith(`.${d.toLowerCase()}`),
  );
}

export const dockerfileRoot: Rule = {
  meta: {
    id: 'MAESTRO-L6-003',
    layer: 6,
    severity: 'medium',
    checklist: 'L6.1',
    title: 'The container runs as root',
    description:
      'The image’s last stage sets no USER (or sets root), so the agent — and anything that takes it over through a tool — runs as root in the container, one kernel bug away from the host.',
    mitigation:
      'Create an unprivileged user and end the last stage with USER <uid>; run with a read-only root filesystem, no added capabilities and no-new-privileges.',
    threat: 'Container escape',
    refs: {
      layer: 6,
      owaspAgentic: ['T3'],
      controls: ['C14'],
      threats: ['T6'],
      nist: ['MANAGE'],
      iso: ['A.6.2.5'],
    },
    examples: {
      language: 'dockerfile',
      vulnerable: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/agent.py"]',
      fixed:
        'FROM python:3.12-slim\nRUN useradd -u 10001 agent\nCOPY --chown=root:root . /app\nUSER 10001\nCMD ["python", "/app/agent.py"]',
    },
  },
  checkRepo(repo) {
    const out: RawFinding[] = [];
    for (const path of repo.paths) {
      if (!isDockerfile(path)) continue;
      const lines = (repo.read(path) ?? '').split('\n');
      let lastFrom = -1;
      let user: { line: number; value: string } | undefined;
      lines.forEach((raw, i) => {
        const line = raw.trim();
        const upper = line.slice(0, 5).toUpperCase();
        if (upper.startsWith('FROM ')) {
          lastFrom = i;
          user = undefined;
        } else if (upper === 'USER ' || upper.startsWith('USER '))
          user = { line: i, value: line.slice(5).trim() };
      });
      if (lastFrom < 0) continue;
      const root = user === undefined || /^(root|0)(:|$)/.test(user.value);
      if (root) {
        const at = (user?.line ?? lastFrom) + 1;
        out.push({
          file: path,
          span: { line: at, column: 1, endLine: at, endColumn: (lines[at - 1]?.length ?? 0) + 1 },
          message:
            user === undefined
              ? 'The last stage sets no USER: the container runs as root.'
              : 'The container runs as root (USER root).',
        });
      }
    }
    return out;
  },
};
