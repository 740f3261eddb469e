-- Browsing the audit trail: admins filter it by who acted and by what they did, newest
-- first. The entity and time filters have their indexes since 0001; these serve the
-- other two, with the id so that a filtered page reads in id order from the index.
CREATE INDEX ix_audit_entry_actor ON audit_entry (actor, id);
CREATE INDEX ix_audit_entry_action ON audit_entry (action, id);
