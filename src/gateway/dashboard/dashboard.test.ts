import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor, createToolRegistry } from '../../exec/index.js';
import { testPolicy, testTools } from '../../exec/testing/execFixture.js';
import { createApiKeyStore } from '../auth/apiKeys.js';
import { settingsFromEnv } from '../config/gatewaySettings.js';
import { type RunningGateway, startGateway } from '../startGateway.js';
import { DASHBOARD_CSP } from './dashboardRoutes.js';

const CHROMIUM = '/usr/bin/chromium';
const ADMIN_KEY = 'dashboard-test-admin-key-0123456789abcdef';
const XSS_IMG = '<img src=x onerror="window.__pwned=1">';
const XSS_SCRIPT = '<script>window.__pwned=2</script>';

const dir = mkdtempSync(join(tmpdir(), 'maestro-dashboard-'));
let gateway: RunningGateway;
let browser: Browser;
let approverKey: string;
const problems: string[] = [];

async function openDashboard(): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(`${gateway.url}/dashboard`);
  return page;
}

async function signIn(page: Page, key: string): Promise<void> {
  await page.fill('#key', key);
  await page.click('#keyform button[type=submit]');
}

describe.skipIf(!existsSync(CHROMIUM))('the dashboard in Chromium', () => {
  beforeAll(async () => {
    gateway = await startGateway({
      settings: { ...settingsFromEnv({ MAESTRO_DATA_DIR: dir }), port: 0 },
      env: { MAESTRO_BOOTSTRAP_KEY: ADMIN_KEY },
      print: () => undefined,
    });
    approverKey = (
      await createApiKeyStore(gateway.ledger.store).create({
        tenantId: 'default',
        principal: 'user:lead',
        role: 'approver',
      })
    ).key;
    // Attacker text in a ledger event: the dashboard must show it, never run it.
    await gateway.ledger.logRiskEvent({
      tenantId: 'default',
      type: 'injection',
      severity: 'high',
      lane: 'block',
      detector: 'test.xss',
      refs: { layers: [1] },
      preview: `${XSS_IMG}${XSS_SCRIPT}`.slice(0, 80),
      attributes: {},
    });
    await gateway.ledger.flush();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is served without credentials, with its own strict CSP and security headers, and opens no data route', async () => {
    const response = await fetch(`${gateway.url}/dashboard`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(
      (await fetch(`${gateway.url}/dashboard/dashboard.client.js`)).headers.get('content-type'),
    ).toContain('javascript');
    expect((await fetch(`${gateway.url}/v1/events`)).status).toBe(401);
    expect((await fetch(`${gateway.url}/v1/approvals`)).status).toBe(401);
  });

  it('shows statistics and events after the key is entered, renders attacker text as text, and breaks no CSP rule', async () => {
    const page = await openDashboard();
    await signIn(page, ADMIN_KEY);
    await page.waitForSelector('#events tr');
    const previews = await page.$$eval('#events td.preview', (cells) => cells.map((c) => c.textContent));
    expect(previews.some((p) => p?.includes('<img src=x'))).toBe(true);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.$$('#events img, #events script')).toHaveLength(0);
    expect(Number(await page.textContent('#stats .card b'))).toBeGreaterThan(0);
    // The key is kept in the tab only.
    expect(await page.evaluate("sessionStorage.getItem('maestro.apiKey')")).toBe(ADMIN_KEY);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    expect(page.url()).not.toContain(ADMIN_KEY);
    expect(problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
    await page.click('#signout');
    expect(await page.evaluate("sessionStorage.getItem('maestro.apiKey')")).toBeNull();
    expect(await page.isVisible('#board')).toBe(false);
    await page.close();
  });

  it('answers a wrong key with the error code and no data', async () => {
    const page = await openDashboard();
    await signIn(page, 'mk_not-a-real-key-000000000000000000000000');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toContain('ERR_UNAUTHENTICATED');
    expect(await page.isVisible('#board')).toBe(false);
    expect(await page.$$('#events tr')).toHaveLength(0);
    await page.close();
  });

  it('approves a pending request with a click', async () => {
    const executor = await createExecutor({
      registry: createToolRegistry(testTools().tools),
      policy: testPolicy(),
      ledger: gateway.ledger,
    });
    const pending = await executor.propose(
      { tool: 'payments.send', args: { amount: 42, to: 'acct-1' } },
      { tenantId: 'default', principal: { id: 'agent:billing', kind: 'agent' } },
    );
    if (pending.status !== 'pending_approval') throw new Error(`expected pending, got ${pending.status}`);
    const page = await openDashboard();
    await signIn(page, approverKey);
    const button = `#approvals tr[data-id="${pending.approval.id}"] button[data-decision=approve]`;
    await page.waitForSelector(button);
    await page.click(button);
    // A string predicate would be evaluated in the page, which the dashboard's CSP (no unsafe-eval) forbids.
    await page.waitForSelector(`#approvals tr[data-id="${pending.approval.id}"]`, { state: 'detached' });
    const detail = await fetch(`${gateway.url}/v1/approvals?status=approved`, {
      headers: { authorization: `Bearer ${approverKey}` },
    });
    const items = ((await detail.json()) as { items: Array<{ id: string; approver: string }> }).items;
    expect(items.find((i) => i.id === pending.approval.id)?.approver).toBe('user:lead');
    await page.close();
  });
});
