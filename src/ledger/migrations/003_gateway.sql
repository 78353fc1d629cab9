-- The gateway's API keys. Only a SHA-256 of each key is stored (keys are 256-bit random, so a
-- fast hash is enough); the key id in the key's text finds the row. Authentication happens
-- before the tenant is known, so this table has no row-level security: the gateway code is
-- what scopes a key to its tenant, and no key material is in it. Keys are never deleted, only
-- revoked, so an audit can always say which key a principal used.
CREATE TABLE gateway_api_keys (
  key_id text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{16}$'),
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  principal text NOT NULL CHECK (principal <> ''),
  role text NOT NULL CHECK (role IN ('admin', 'agent', 'approver', 'reader')),
  key_hash text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX gateway_api_keys_tenant ON gateway_api_keys (tenant_id, created_at);

ALTER TABLE gateway_api_keys OWNER TO :"owner_role";
REVOKE ALL ON gateway_api_keys FROM PUBLIC;
GRANT SELECT, INSERT ON gateway_api_keys TO :"app_role";
GRANT UPDATE (revoked_at) ON gateway_api_keys TO :"app_role";
GRANT SELECT ON gateway_api_keys TO :"auditor_role";

CREATE FUNCTION gateway_api_keys_no_delete() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  RAISE EXCEPTION 'API keys are revoked, never deleted' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER gateway_api_keys_no_delete BEFORE DELETE OR TRUNCATE ON gateway_api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION gateway_api_keys_no_delete();
ALTER FUNCTION gateway_api_keys_no_delete() OWNER TO :"owner_role";
REVOKE ALL ON FUNCTION gateway_api_keys_no_delete() FROM PUBLIC;
