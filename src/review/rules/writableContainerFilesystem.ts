import { parseAllDocuments } from 'yaml';
import type { RawFinding, Rule } from '../rule.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function isManifest(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /\.(ya?ml)$/.test(name) && !name.startsWith('.');
}

/** The line of the first occurrence of `needle` in `text` (1-based), or 1. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

export const writableContainerFilesystem: Rule = {
  meta: {
    id: 'MAESTRO-L6-007',
    layer: 6,
    severity: 'medium',
    checklist: 'L6.1',
    title: 'A container runs with a writable root filesystem',
    description:
      'A Compose service or a Kubernetes container is not given a read-only root filesystem. Code that takes over the agent (through a tool, a deserialisation bug, a poisoned dependency) can then rewrite the application and persist.',
    mitigation:
      'Set read_only: true (Compose) or securityContext.readOnlyRootFilesystem: true (Kubernetes), mount a tmpfs or a volume for what must be written, and drop capabilities.',
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
      language: 'text',
      vulnerable: 'services:\n  agent:\n    image: acme/agent:1.4',
      fixed:
        'services:\n  agent:\n    image: acme/agent:1.4\n    read_only: true\n    tmpfs: [/tmp]\n    cap_drop: [ALL]',
    },
  },
  checkRepo(repo) {
    const out: RawFinding[] = [];
    for (const path of repo.paths.filter(isManifest)) {
      if (repo.isGitIgnored(path)) continue;
      const text = repo.read(path);
      if (text === undefined || text.length > 512 * 1024) continue;
      let documents: unknown[];
      try {
        documents = parseAllDocuments(text).map((d) => d.toJS({ maxAliasCount: 50 }) as unknown);
      } catch {
        continue;
      }
      for (const doc of documents) {
        if (!isObject(doc)) continue;
        // docker-compose: services.<name> with an image or build.
        if (isObject(doc.services)) {
          for (const [name, service] of Object.entries(doc.services)) {
            if (!isObject(service) || (service.image === undefined && service.build === undefined)) continue;
            if (service.read_only !== true) {
              const line = lineOf(text, `${name}:`);
              out.push({
                file: path,
                span: { line, column: 1, endLine: line, endColumn: 1 },
                message: `Compose service ${name} has no read_only: true.`,
              });
            }
          }
        }
        // Kubernetes workloads: spec(.template.spec).containers[].securityContext.readOnlyRootFilesystem.
        const spec = isObject(doc.spec)
          ? isObject(doc.spec.template) && isObject(doc.spec.template.spec)
            ? doc.spec.template.spec
            : doc.spec
          : undefined;
        const containers = spec !== undefined && Array.isArray(spec.containers) ? spec.containers : [];
        if (typeof doc.kind !== 'string') continue;
        for (const c of containers) {
          if (!isObject(c)) continue;
          const ctx = isObject(c.securityContext) ? c.securityContext : {};
          if (ctx.readOnlyRootFilesystem !== true) {
            const name = typeof c.name === 'string' ? c.name : 'container';
            const line = lineOf(text, `name: ${name}`);
            out.push({
              file: path,
              span: { line, column: 1, endLine: line, endColumn: 1 },
              message: `${doc.kind} container ${name} has no readOnlyRootFilesystem: true.`,
            });
          }
        }
      }
    }
    return out;
  },
};
