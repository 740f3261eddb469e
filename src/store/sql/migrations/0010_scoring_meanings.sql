-- A scoring scheme says what its numbers mean: each factor's scale ("1 = no known harm;
-- 5 = serious harm to several children") and the bands of the risk score ("2 = Low: ...;
-- 10 = Medium: ..."), which the assessment form and the insight's page show. Both are
-- optional: a scheme without them still scores.
ALTER TABLE scoring_factor ADD COLUMN scale TEXT;
ALTER TABLE scoring_scheme ADD COLUMN bands TEXT;
