-- The bench database's resolutions as one survey CSV of 100 000 rows, in
-- the columns `innspill import` takes (see tests/data/import/csv/):
--   sqlite3 bench.db ".read csv.sql" > survey.csv
-- Members repeat (372 of them), so most rows become new versions of a
-- member's resolution when imported into one cycle.
.headers on
.mode csv
.separator ";"
SELECT s.member AS member, s.decided AS decided, s.received AS received,
       s.reference AS reference, s.body AS body,
       max(CASE a.question_id WHEN 'handlingsrom' THEN a.text END) AS handlingsrom,
       max(CASE a.question_id WHEN 'prioritering' THEN a.choice END) AS prioritering,
       max(CASE a.question_id WHEN 'rekruttering' THEN a.text END) AS rekruttering,
       max(CASE a.question_id WHEN 'lokalt' THEN a.choice END) AS lokalt,
       max(CASE a.question_id WHEN 'utenforskap' THEN a.text END) AS utenforskap
FROM submission s JOIN answer a ON a.submission_id = s.id
GROUP BY s.id ORDER BY s.id;
