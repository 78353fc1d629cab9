-- The risk-event ledger: append-only tables, tenant row-level security and the per-tenant
-- writer state. Runs unchanged on PostgreSQL (15+) and on PGlite.
--
-- :"owner_role", :"app_role" and :"auditor_role" are role names, substituted as quoted
-- identifiers by the migration runner (or by psql: -v owner_role=... -v app_role=...
-- -v auditor_role=...). The roles exist before this file runs.
--   owner:   owns every object; is itself bound by the append-only triggers and FORCE RLS.
--   app:     the writer: INSERT + SELECT on events and heads, forward-only UPDATE on state.
--   auditor: cross-tenant reads (verify, export): SELECT only, still one tenant per
--            transaction under RLS; every tenant it opens is recorded in ledger_admin_reads.

-- Tenants that have a log; the only cross-tenant list, readable by the auditor alone.
CREATE TABLE ledger_tenants (
  tenant_id text PRIMARY KEY CHECK (tenant_id <> ''),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per tenant, locked FOR UPDATE by every append so that writers in several
-- processes assign seq, chain and Merkle frontier one batch at a time.
CREATE TABLE ledger_state (
  tenant_id text PRIMARY KEY REFERENCES ledger_tenants (tenant_id),
  next_seq bigint NOT NULL DEFAULT 0 CHECK (next_seq >= 0),
  chain_hash bytea NOT NULL CHECK (octet_length(chain_hash) = 32),
  frontier text NOT NULL,
  -- Signed heads so far (the index of the next one) and events appended since the last one.
  head_count bigint NOT NULL DEFAULT 0 CHECK (head_count >= 0),
  events_since_head bigint NOT NULL DEFAULT 0 CHECK (events_since_head >= 0),
  -- When the last head was signed (or the first event appended): starts the every-T-ms clock.
  last_head_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- body is the exact canonical JSON that leaf_hash was computed from; the other columns are
-- copies of its fields for indexed queries (lane 'none' for an event without a lane).
CREATE TABLE ledger_events (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  seq bigint NOT NULL CHECK (seq >= 0),
  id text NOT NULL,
  time timestamptz NOT NULL,
  type text NOT NULL,
  lane text NOT NULL,
  severity text NOT NULL,
  detector text NOT NULL,
  trace_id text,
  span_id text,
  body text NOT NULL,
  leaf_hash bytea NOT NULL CHECK (octet_length(leaf_hash) = 32),
  chain_hash bytea NOT NULL CHECK (octet_length(chain_hash) = 32),
  CONSTRAINT ledger_events_pkey PRIMARY KEY (tenant_id, seq),
  CONSTRAINT ledger_events_id_key UNIQUE (id)
);
-- Time windows and keyset pagination by (time, id); the same per event type; trace lookups.
CREATE INDEX ledger_events_tenant_time ON ledger_events (tenant_id, time, id);
CREATE INDEX ledger_events_tenant_type_time ON ledger_events (tenant_id, type, time, id);
CREATE INDEX ledger_events_tenant_trace ON ledger_events (tenant_id, trace_id) WHERE trace_id IS NOT NULL;

CREATE TABLE ledger_heads (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  idx bigint NOT NULL CHECK (idx >= 0),
  tree_size bigint NOT NULL CHECK (tree_size >= 0),
  root_hash bytea NOT NULL CHECK (octet_length(root_hash) = 32),
  chain_hash bytea NOT NULL CHECK (octet_length(chain_hash) = 32),
  time timestamptz NOT NULL,
  key_id text NOT NULL,
  signature bytea NOT NULL,
  body text NOT NULL,
  CONSTRAINT ledger_heads_pkey PRIMARY KEY (tenant_id, idx)
);

-- Who opened which tenant through the cross-tenant path, and why.
CREATE TABLE ledger_admin_reads (
  at timestamptz NOT NULL DEFAULT now(),
  db_user text NOT NULL DEFAULT session_user,
  purpose text NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9_.-]{0,63}$'),
  tenant_id text
);

-- Append-only for everyone, the owner and superusers included (a trigger, unlike a missing
-- grant, is not bypassed by ownership). Statement level: refused even when no row matches.
CREATE FUNCTION ledger_reject_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  RAISE EXCEPTION 'ledger table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER ledger_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_events
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER ledger_heads_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_heads
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER ledger_tenants_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_tenants
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER ledger_admin_reads_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_admin_reads
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER ledger_state_no_delete BEFORE DELETE OR TRUNCATE ON ledger_state
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change();

-- The writer state only moves forward, and next_seq always points just past the last event.
CREATE FUNCTION ledger_state_forward() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  IF NEW.tenant_id <> OLD.tenant_id OR NEW.next_seq < OLD.next_seq
     OR NEW.head_count < OLD.head_count THEN
    RAISE EXCEPTION 'ledger_state may only move forward' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.next_seq > 0 AND NOT EXISTS (
       SELECT 1 FROM public.ledger_events e
        WHERE e.tenant_id = NEW.tenant_id AND e.seq = NEW.next_seq - 1) THEN
    RAISE EXCEPTION 'ledger_state is ahead of the events' USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM public.ledger_events e
              WHERE e.tenant_id = NEW.tenant_id AND e.seq = NEW.next_seq) THEN
    RAISE EXCEPTION 'ledger_state is behind the events' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER ledger_state_forward BEFORE UPDATE ON ledger_state
  FOR EACH ROW EXECUTE FUNCTION ledger_state_forward();

-- Row-level security: a transaction sees and writes only the tenant it set with
-- set_config('maestro.tenant_id', $1, true). FORCE makes the owner obey it too.
ALTER TABLE ledger_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_events FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_events_tenant ON ledger_events
  USING (tenant_id = current_setting('maestro.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('maestro.tenant_id', true));

ALTER TABLE ledger_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_heads_tenant ON ledger_heads
  USING (tenant_id = current_setting('maestro.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('maestro.tenant_id', true));

ALTER TABLE ledger_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_state FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_state_tenant ON ledger_state
  USING (tenant_id = current_setting('maestro.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('maestro.tenant_id', true));

-- A writer may register only its own tenant; only the auditor may list them.
ALTER TABLE ledger_tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_tenants_register ON ledger_tenants FOR INSERT
  WITH CHECK (tenant_id = current_setting('maestro.tenant_id', true));
CREATE POLICY ledger_tenants_list ON ledger_tenants FOR SELECT TO :"auditor_role"
  USING (true);

ALTER TABLE ledger_tenants OWNER TO :"owner_role";
ALTER TABLE ledger_state OWNER TO :"owner_role";
ALTER TABLE ledger_events OWNER TO :"owner_role";
ALTER TABLE ledger_heads OWNER TO :"owner_role";
ALTER TABLE ledger_admin_reads OWNER TO :"owner_role";
ALTER FUNCTION ledger_reject_change() OWNER TO :"owner_role";
ALTER FUNCTION ledger_state_forward() OWNER TO :"owner_role";

REVOKE ALL ON ledger_tenants, ledger_state, ledger_events, ledger_heads, ledger_admin_reads FROM PUBLIC;
REVOKE ALL ON FUNCTION ledger_reject_change(), ledger_state_forward() FROM PUBLIC;

GRANT SELECT, INSERT ON ledger_events, ledger_heads TO :"app_role";
GRANT SELECT, INSERT ON ledger_state TO :"app_role";
GRANT UPDATE (next_seq, chain_hash, frontier, head_count, events_since_head, last_head_at, updated_at)
  ON ledger_state TO :"app_role";
GRANT INSERT ON ledger_tenants TO :"app_role";

GRANT SELECT ON ledger_tenants, ledger_state, ledger_events, ledger_heads TO :"auditor_role";
GRANT INSERT (purpose, tenant_id) ON ledger_admin_reads TO :"auditor_role";
