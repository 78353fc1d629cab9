import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/** The dashboard's own headers: its script and style from this origin only, nothing else. */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const ASSETS = [
  { path: '/dashboard', file: 'dashboard.html', type: 'text/html; charset=utf-8' },
  { path: '/dashboard/dashboard.css', file: 'dashboard.css', type: 'text/css; charset=utf-8' },
  {
    path: '/dashboard/dashboard.client.js',
    file: 'dashboard.client.js',
    type: 'text/javascript; charset=utf-8',
  },
] as const;

/** Paths served without credentials: the page holds no data, the data comes from the authenticated API. */
export const DASHBOARD_PATHS: readonly string[] = ASSETS.map((a) => a.path);

/**
 * The operators' dashboard: a static page and its script, read once at start. It asks for an
 * API key, keeps it in the tab's sessionStorage, and calls the JSON API with it as a bearer token
 * (no cookies, so no CSRF); it shows statistics, risk events and pending approvals, and approves
 * or denies. Every text from the API is rendered as text, never as markup.
 */
export function registerDashboardRoutes(app: FastifyInstance): void {
  for (const asset of ASSETS) {
    const body = readFileSync(new URL(`./assets/${asset.file}`, import.meta.url), 'utf8');
    app.get(asset.path, async (_request, reply) =>
      reply
        .headers({
          'content-type': asset.type,
          'content-security-policy': DASHBOARD_CSP,
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-resource-policy': 'same-origin',
          'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
        })
        .send(body),
    );
  }
}
