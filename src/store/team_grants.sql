-- Grants for the staff and scheduled jobs of a renumber team store, run by
-- the database's owner after `renumber store init`:
--
--   psql "postgresql://renumber_owner@db.example.internal/renumber" \
--        -v role=renumber_team -f team_grants.sql
--
-- A member of the role can work campaigns — append journal and audit
-- records, take and release account locks, keep the accounts' last states —
-- but cannot change or erase a journal or audit record (and the tables'
-- triggers refuse that even to the owner). pg_store_test.cc runs this file.
GRANT SELECT ON renumber_schema_version TO :"role";
GRANT SELECT, INSERT ON renumber_journal, renumber_audit TO :"role";
GRANT USAGE ON SEQUENCE renumber_journal_seq_seq, renumber_audit_seq_seq
  TO :"role";
GRANT SELECT, INSERT, UPDATE, DELETE ON renumber_locks TO :"role";
GRANT SELECT, INSERT, UPDATE ON renumber_accounts TO :"role";
