-- Published reports: what a manager published, frozen. The report's record (which period
-- and region, the hash of its inputs, whether the period's records are still locked) and
-- its files in every format exactly as they were published, so a download later gives the
-- same bytes. Binary files (PDF, XLSX) are kept as base64 text, which both engines store
-- the same way.
CREATE TABLE published_report (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  kind TEXT,
  period TEXT,
  region TEXT REFERENCES region (code),
  threshold {{int}},
  title TEXT,
  inputs_hash TEXT,
  locked {{bool}} NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  unlock_reason TEXT
);
CREATE INDEX ix_published_report_archived ON published_report (archived);
CREATE INDEX ix_published_report_period ON published_report (period);
CREATE INDEX ix_published_report_region ON published_report (region);
CREATE INDEX ix_published_report_locked ON published_report (locked);
-- One locked report per period and region (or the whole programme) at a time.
CREATE UNIQUE INDEX ux_published_report_locked_period
  ON published_report (period, COALESCE(region, '')) WHERE locked = 1;

CREATE TABLE published_report_file (
  report_id {{int}} NOT NULL REFERENCES published_report (id),
  format TEXT NOT NULL,
  content_type TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  body_base64 TEXT NOT NULL,
  PRIMARY KEY (report_id, format)
);
