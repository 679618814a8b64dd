-- What sqlite3 itself needs for the storage work of an import: the CSV into
-- a plain table, then an FTS5 index over the same text columns (the body,
-- and the answers as one text), with innspill's tokenizer and pragmas.
-- Run in the directory of survey.csv: sqlite3 baseline.db ".read baseline.sql"
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
.mode csv
.separator ";"
.import survey.csv raw
CREATE VIRTUAL TABLE raw_fts USING fts5(body, answers,
  tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO raw_fts (rowid, body, answers)
  SELECT rowid, body, handlingsrom || ' ' || prioritering || ' ' || rekruttering || ' '
                      || lokalt || ' ' || utenforskap
  FROM raw;
