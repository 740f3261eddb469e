-- The national impact report's aggregates for 2025-26 (1 April 2025 to 31 March 2026),
-- written by hand, as an analyst would in the sqlite3 or psql command-line tool. The same
-- text runs on both engines. bench/report_aggregates.sh runs each query (one per
-- "-- query KEY: what" line) and times it; scripts/bench.sh prints the times beside those
-- of the store calls report_bench measures under the same KEY.

-- query reach-region: people reached by region and audience group
SELECT a.region, c."group", SUM(c."count") AS people, MAX(c.estimated) AS any_estimated,
       COUNT(DISTINCT a.id) AS activities
FROM activity a
JOIN activity_audience c ON c.parent_id = a.id
WHERE a.archived = 0 AND a.start_on >= '2025-04-01' AND a.start_on <= '2026-03-31'
GROUP BY a.region, c."group"
ORDER BY a.region, c."group";

-- query reach-type: people reached by type of activity and audience group
SELECT a.type, c."group", SUM(c."count") AS people, MAX(c.estimated) AS any_estimated
FROM activity a
JOIN activity_audience c ON c.parent_id = a.id
WHERE a.archived = 0 AND a.start_on >= '2025-04-01' AND a.start_on <= '2026-03-31'
GROUP BY a.type, c."group"
ORDER BY a.type, c."group";

-- query activities: activities delivered in the year
SELECT COUNT(*) AS activities
FROM activity a
WHERE a.archived = 0 AND a.start_on >= '2025-04-01' AND a.start_on <= '2026-03-31';

-- query tasks-delivered: tasks delivered in the year and the partners they were delivered with
SELECT COUNT(DISTINCT t.id) AS tasks, COUNT(DISTINCT p.value) AS partners
FROM task t
LEFT JOIN task_partners p ON p.owner_id = t.id
WHERE t.archived = 0 AND t.status IN ('delivered', 'evaluated', 'closed')
  AND t.delivered_on >= '2025-04-01' AND t.delivered_on <= '2026-03-31';

-- query answers: answers to each question of the year's surveys, by answer
SELECT s.question, s.answer, COUNT(*) AS answers
FROM survey_answer s
JOIN survey_response r ON r.id = s.parent_id
JOIN survey v ON v.id = r.survey
WHERE r.archived = 0 AND v.archived = 0
  AND v.period IN ('2025-26', '2025-26 Q1', '2025-26 Q2', '2025-26 Q3', '2025-26 Q4')
  AND s.answer IS NOT NULL AND s.answer <> ''
GROUP BY s.question, s.answer
ORDER BY s.question, s.answer;

-- query responses: responses to each of the year's surveys (the bases of the survey figures)
SELECT r.survey, COUNT(*) AS responses
FROM survey_response r
JOIN survey v ON v.id = r.survey
WHERE r.archived = 0 AND v.archived = 0
  AND v.period IN ('2025-26', '2025-26 Q1', '2025-26 Q2', '2025-26 Q3', '2025-26 Q4')
GROUP BY r.survey
ORDER BY r.survey;
