-- The tasking meeting may ask for changes to a proposal instead of deciding on it: what it
-- asked is kept on the task until the proposal is changed.
ALTER TABLE task ADD COLUMN changes_asked TEXT;
