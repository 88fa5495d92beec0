-- What a workstation may read directly: only its enrolled districts' registry rows and
-- change-feed rows, and its own office's staff changes. Row-level security is on for these
-- tables (migrations/0006-trust.ts); the owner and superusers are not subject to it. Each
-- ad_*() call is a sub-select, so it runs once per query (an InitPlan), not once per row.
--
-- Streets carry no district in the registry: a street (a name from the city's gazetteer,
-- on every bill and every map) is visible to every enrolled workstation, and to nobody else.
-- The initial load reads through sync_initial_page(), which checks the district once.

DROP POLICY IF EXISTS workstation_scope ON district;
CREATE POLICY workstation_scope ON district FOR SELECT
  USING (code = ANY ((SELECT ad_districts())::text[]));

DROP POLICY IF EXISTS workstation_scope ON street;
CREATE POLICY workstation_scope ON street FOR SELECT USING ((SELECT ad_known()));

DROP POLICY IF EXISTS workstation_scope ON account;
CREATE POLICY workstation_scope ON account FOR SELECT
  USING (district_code = ANY ((SELECT ad_districts())::text[]));

DROP POLICY IF EXISTS workstation_scope ON resident;
CREATE POLICY workstation_scope ON resident FOR SELECT
  USING (EXISTS (SELECT 1 FROM account a WHERE a.id = resident.account_id
    AND a.district_code = ANY ((SELECT ad_districts())::text[])));

DROP POLICY IF EXISTS workstation_scope ON change_feed;
CREATE POLICY workstation_scope ON change_feed FOR SELECT
  USING ((SELECT ad_known())
    AND (district_code IS NULL OR district_code = ANY ((SELECT ad_districts())::text[]))
    AND (office_id IS NULL OR office_id = (SELECT ad_office())));
