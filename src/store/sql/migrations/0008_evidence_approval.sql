-- Quotes and case studies are approved for publication by a manager who did not record
-- them: who approved and when are kept beside the flag. Records approved before this
-- migration keep their approval, with no approver recorded.
ALTER TABLE quote ADD COLUMN approved_by {{int}} REFERENCES staff (id);
ALTER TABLE quote ADD COLUMN approved_at TEXT;
ALTER TABLE case_study ADD COLUMN approved_by {{int}} REFERENCES staff (id);
ALTER TABLE case_study ADD COLUMN approved_at TEXT;
