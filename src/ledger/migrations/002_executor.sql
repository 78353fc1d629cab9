-- The guarded executor's state, kept in the ledger's store so that one database holds the
-- audit log and what the executor needs to stay consistent across replicas: approval
-- requests, idempotency keys, kill switches and the last tool-registry fingerprint.
-- Unlike the ledger's tables these rows change (an approval is decided, a key completes), so
-- they are not evidence: every change is also written to the ledger as a risk event.
-- Times come from the executor's clock (a parameter), not now(), so tests can fake them.

-- One row per idempotency key. The primary key makes two concurrent claims of one key race
-- in the database, where exactly one INSERT wins.
CREATE TABLE exec_idempotency (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 256),
  tool text NOT NULL,
  args_hash text NOT NULL CHECK (args_hash ~ '^[0-9a-f]{64}$'),
  status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  -- Who holds the claim, and until when: a claim whose holder died can be taken over.
  holder text NOT NULL,
  lease_until timestamptz NOT NULL,
  result text,
  error_code text,
  -- The signed receipt of the run, JSON: a replay returns it, so the caller can check it.
  receipt text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT exec_idempotency_pkey PRIMARY KEY (tenant_id, key)
);

CREATE TABLE exec_approvals (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  id text NOT NULL,
  tool text NOT NULL,
  args_hash text NOT NULL CHECK (args_hash ~ '^[0-9a-f]{64}$'),
  -- The tool's fingerprint when the request was made: a changed tool voids the approval.
  tool_fingerprint text NOT NULL,
  -- The intent to run on approval (tool, arguments, resource, key, principal, grant chain).
  intent text NOT NULL,
  requester text NOT NULL,
  status text NOT NULL
    CHECK (status IN ('pending', 'approved', 'denied', 'expired', 'executing', 'executed', 'failed')),
  reasons text NOT NULL,
  approver text,
  note text,
  decided_at timestamptz,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  receipt_id text,
  CONSTRAINT exec_approvals_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT exec_approvals_decided CHECK (status IN ('pending', 'expired') OR approver IS NOT NULL)
);
CREATE INDEX exec_approvals_tenant_status ON exec_approvals (tenant_id, status, created_at);
-- The same call from the same requester while one is pending joins it instead of queueing again.
CREATE UNIQUE INDEX exec_approvals_one_pending ON exec_approvals (tenant_id, requester, tool, args_hash)
  WHERE status = 'pending';

-- Requests refused because the tenant's queue was full, counted per tool and requester, so an
-- approver sees "120 more requests for pay_invoice from agent:x" rather than 120 rows.
CREATE TABLE exec_approval_overflow (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  tool text NOT NULL,
  requester text NOT NULL,
  suppressed bigint NOT NULL CHECK (suppressed > 0),
  first_at timestamptz NOT NULL,
  last_at timestamptz NOT NULL,
  CONSTRAINT exec_approval_overflow_pkey PRIMARY KEY (tenant_id, tool, requester)
);

CREATE TABLE exec_kill_switches (
  tenant_id text PRIMARY KEY CHECK (tenant_id <> ''),
  engaged boolean NOT NULL,
  actor text NOT NULL,
  reason text NOT NULL,
  updated_at timestamptz NOT NULL
);

-- The last fingerprint of a tenant's tool registry (and any other configuration the executor
-- watches), to log config_changed only when it differs from the previous start.
CREATE TABLE exec_fingerprints (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  kind text NOT NULL,
  fingerprint text NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT exec_fingerprints_pkey PRIMARY KEY (tenant_id, kind)
);

ALTER TABLE exec_idempotency ENABLE ROW LEVEL SECURITY;
ALTER TABLE exec_idempotency FORCE ROW LEVEL SECURITY;
CREATE POLICY exec_idempotency_tenant ON exec_idempotency
  USING (tenant_id = current_setting('maestro.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('maestro.tenant_id', true));

ALTER TABLE exec_approvals ENABLE ROW LEVEL SECURITY;
ALTER TABLE exec_approvals FORCE ROW LEVEL SECURITY;
CREATE POLICY exec_approvals_tenant ON exec_approvals
  USING (tenant_id = current_setting('maestro.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('maestro.tenant_id', true));

ALTER TABLE exec_approval_overflow ENABLE ROW LEVEL SECURITY;
ALTER TABLE exec_approval_overflow FORCE ROW LEVEL SECURITY;
CREATE POLICY exec_approval_overflow_tenant ON exec_approval_overflow
  USING (tenant_id = current_setting('maestro.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('maestro.tenant_id', true));

ALTER TABLE exec_kill_switches ENABLE ROW LEVEL SECURITY;
ALTER TABLE exec_kill_switches FORCE ROW LEVEL SECURITY;
CREATE POLICY exec_kill_switches_tenant ON exec_kill_switches
  USING (tenant_id = current_setting('maestro.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('maestro.tenant_id', true));

ALTER TABLE exec_fingerprints ENABLE ROW LEVEL SECURITY;
ALTER TABLE exec_fingerprints FORCE ROW LEVEL SECURITY;
CREATE POLICY exec_fingerprints_tenant ON exec_fingerprints
  USING (tenant_id = current_setting('maestro.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('maestro.tenant_id', true));

ALTER TABLE exec_idempotency OWNER TO :"owner_role";
ALTER TABLE exec_approvals OWNER TO :"owner_role";
ALTER TABLE exec_approval_overflow OWNER TO :"owner_role";
ALTER TABLE exec_kill_switches OWNER TO :"owner_role";
ALTER TABLE exec_fingerprints OWNER TO :"owner_role";

REVOKE ALL ON exec_idempotency, exec_approvals, exec_approval_overflow, exec_kill_switches,
  exec_fingerprints FROM PUBLIC;

-- The app role reads and writes its tenant's rows; nothing is ever deleted through it.
GRANT SELECT, INSERT, UPDATE ON exec_idempotency, exec_approvals, exec_approval_overflow,
  exec_kill_switches, exec_fingerprints TO :"app_role";
GRANT SELECT ON exec_idempotency, exec_approvals, exec_approval_overflow, exec_kill_switches,
  exec_fingerprints TO :"auditor_role";
