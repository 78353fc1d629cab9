// The gateway's dashboard. Everything is rendered with textContent: event previews and tool
// names come from attackers, so no markup from the API is ever parsed. The key lives in
// sessionStorage only (one tab, gone when it closes) and goes out only as a bearer token.

const KEY = 'maestro.apiKey';
const $ = (id) => document.getElementById(id);

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function showError(body, status) {
  const error = body?.error
    ? body.error
    : { code: `HTTP ${status}`, message: 'The gateway did not answer as expected.' };
  const box = $('error');
  box.textContent = `${error.code}: ${error.message}${error.trace_id ? ` (trace ${error.trace_id})` : ''}`;
  box.hidden = false;
}

async function api(path, options = {}) {
  const key = sessionStorage.getItem(KEY);
  const response = await fetch(path, {
    ...options,
    headers: {
      authorization: `Bearer ${key}`,
      ...(options.body ? { 'content-type': 'application/json' } : {}),
    },
    credentials: 'omit',
    cache: 'no-store',
  });
  const body = await response.json().catch(() => null);
  if (response.status === 401) {
    signOut();
    showError(body, response.status);
    throw new Error('unauthenticated');
  }
  if (!response.ok) {
    showError(body, response.status);
    throw new Error(String(response.status));
  }
  return body;
}

function renderStats(stats) {
  const cards = $('stats');
  cards.replaceChildren();
  const byType = new Map();
  const byLane = new Map();
  for (const bucket of stats.buckets) {
    for (const [type, n] of Object.entries(bucket.byType || {}))
      byType.set(type, (byType.get(type) || 0) + n);
    for (const [lane, n] of Object.entries(bucket.byLane || {}))
      byLane.set(lane, (byLane.get(lane) || 0) + n);
  }
  const add = (label, value) => {
    const card = document.createElement('div');
    card.className = 'card';
    const b = document.createElement('b');
    b.textContent = String(value);
    card.append(b, document.createTextNode(label));
    cards.appendChild(card);
  };
  add('events', stats.total);
  add('blocked', byLane.get('block') || 0);
  add('needing a person', byLane.get('confirm') || 0);
  for (const [type, n] of [...byType.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5)) add(type, n);
  const select = $('type');
  if (select.options.length === 1) {
    for (const type of [
      'injection',
      'output_leak',
      'policy_decision',
      'approval',
      'receipt',
      'tool_result',
      'rate_limited',
      'auth_failed',
      'config_changed',
      'kill_switch',
      'anomaly',
      'scan_failed',
    ]) {
      const option = document.createElement('option');
      option.textContent = type;
      select.appendChild(option);
    }
  }
}

function renderEvents(page) {
  const body = $('events');
  body.replaceChildren();
  for (const e of page.events) {
    const row = document.createElement('tr');
    cell(row, e.time);
    cell(row, e.type);
    cell(row, e.severity);
    cell(row, e.lane, e.lane || '');
    cell(row, e.detector);
    cell(row, e.actor ? e.actor.principal : '');
    cell(row, e.preview, 'preview');
    body.appendChild(row);
  }
}

function renderApprovals(page) {
  const body = $('approvals');
  body.replaceChildren();
  for (const a of page.items) {
    const row = document.createElement('tr');
    row.dataset.id = a.id;
    cell(row, a.createdAt);
    cell(row, a.tool);
    cell(row, a.requester);
    cell(row, (a.reasons || []).join(', '));
    cell(row, a.expiresAt);
    const actions = cell(row, '');
    for (const decision of ['approve', 'deny']) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = decision === 'approve' ? 'Approve' : 'Deny';
      button.dataset.decision = decision;
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await api(`/v1/approvals/${encodeURIComponent(a.id)}/${decision}`, { method: 'POST', body: '{}' });
        } finally {
          await refresh();
        }
      });
      actions.appendChild(button);
    }
    body.appendChild(row);
  }
}

async function refresh() {
  if (!sessionStorage.getItem(KEY)) return;
  $('error').hidden = true;
  const type = $('type').value;
  const lane = $('lane').value;
  const query = new URLSearchParams({ limit: '50', order: 'desc' });
  if (type) query.set('types', type);
  if (lane) query.set('lanes', lane);
  try {
    const [stats, events, approvals, heads] = await Promise.all([
      api('/v1/stats'),
      api(`/v1/events?${query}`),
      api('/v1/approvals?status=pending').catch(() => ({ items: [] })),
      api('/v1/ledger/heads').catch(() => null),
    ]);
    $('signin').hidden = true;
    $('board').hidden = false;
    $('signout').hidden = false;
    renderStats(stats);
    renderEvents(events);
    renderApprovals(approvals);
    const latest = heads?.heads && heads.heads.length > 0 ? heads.heads[heads.heads.length - 1] : null;
    $('heads').textContent = latest
      ? `Ledger: ${latest.treeSize} events, signed tree head ${String(latest.rootHash).slice(0, 16)}…`
      : '';
  } catch {
    // The error is shown already.
  }
}

function signOut() {
  sessionStorage.removeItem(KEY);
  $('board').hidden = true;
  $('signin').hidden = false;
  $('signout').hidden = true;
}

document.addEventListener('DOMContentLoaded', () => {
  $('keyform').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('key').value.trim());
    $('key').value = '';
    void refresh();
  });
  $('signout').addEventListener('click', signOut);
  $('refresh').addEventListener('click', () => void refresh());
  $('type').addEventListener('change', () => void refresh());
  $('lane').addEventListener('change', () => void refresh());
  setInterval(() => void refresh(), 10_000);
  void refresh();
});
