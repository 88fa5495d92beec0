-- Least privilege. A workstation reads the registry and the feed (through row-level
-- security) and calls these functions; it has no INSERT, UPDATE or DELETE on any table. The
-- portal reads what it needs to log residents in and reports what they did. Everything
-- else is executable by the owner only.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;

GRANT EXECUTE ON FUNCTION
  sync_hello(text, text),
  sync_report_state(integer, bigint),
  sync_workstation_state(),
  sync_apply_op(text, text, jsonb),
  sync_apply_batch(jsonb),
  sync_reject_op(text, text, jsonb, text, text),
  sync_append_audit(text, jsonb),
  sync_audit_head(text),
  sync_initial_page(text, bigint, integer),
  sync_credential_state(text[]),
  sync_staff_state(text[]),
  sync_staff_import(jsonb),
  sync_office_review(integer),
  sync_decide_held(text[], text, boolean),
  -- called by the row-level security policies, as the reader
  ad_districts(), ad_office(), ad_known()
TO access_desk_workstation;

GRANT EXECUTE ON FUNCTION portal_record_event(text, text, timestamptz) TO access_desk_portal;
