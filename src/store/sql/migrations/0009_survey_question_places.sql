-- Each question of a survey has a place of its own (1, 2, 3 ...): the import page, column
-- mappings and response fingerprints name questions by it, and moving one swaps two
-- places. Live questions that shared a place (nothing prevented it before) are numbered
-- again in their order, ties by id, so that no two do; then the database holds to it.
CREATE TEMPORARY TABLE survey_question_place AS
  SELECT q.id AS id,
         (SELECT COUNT(*) FROM survey_question o
           WHERE o.survey = q.survey AND o.archived = 0
             AND (o."position" < q."position" OR (o."position" = q."position" AND o.id <= q.id))) AS place
    FROM survey_question q
   WHERE q.archived = 0
     AND q.survey IN (SELECT d.survey FROM survey_question d WHERE d.archived = 0
                       GROUP BY d.survey, d."position" HAVING COUNT(*) > 1);
UPDATE survey_question
   SET "position" = (SELECT p.place FROM survey_question_place p WHERE p.id = survey_question.id)
 WHERE id IN (SELECT p.id FROM survey_question_place p);
DROP TABLE survey_question_place;
CREATE UNIQUE INDEX ux_survey_question_place ON survey_question (survey, "position") WHERE archived = 0;
