-- Accounts and sign-in: the internal entities of domain/schema.cc (AccountEntity,
-- SessionEntity, ApiTokenEntity, SignInAttemptEntity). Passwords are kept only as argon2id
-- hashes and session and API tokens only as hashes of the token; the raw token lives in
-- the user's cookie or script alone. Timestamps are TEXT 'YYYY-MM-DDTHH:MM:SSZ' (UTC),
-- which compare in time order on both engines.

-- Account: one per staff member who may sign in.
CREATE TABLE account (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  staff {{int}} NOT NULL UNIQUE REFERENCES staff (id),
  password_hash TEXT NOT NULL,
  must_change_password {{bool}} NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  failed_sign_ins {{int}},
  locked_until TEXT,
  password_changed_at TEXT
);
CREATE INDEX ix_account_archived ON account (archived);
CREATE INDEX ix_account_must_change_password ON account (must_change_password);

-- Session: a signed-in browser session, found by the hash of its cookie's token.
CREATE TABLE "session" (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  staff {{int}} NOT NULL REFERENCES staff (id),
  csrf_token TEXT NOT NULL,
  started_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended_at TEXT,
  ended_reason TEXT,
  address TEXT
);
CREATE INDEX ix_session_archived ON "session" (archived);
CREATE INDEX ix_session_staff ON "session" (staff);
CREATE INDEX ix_session_last_seen_at ON "session" (last_seen_at);
CREATE INDEX ix_session_ended_at ON "session" (ended_at);
-- "Sign out everywhere" ends the live sessions of one staff member.
CREATE INDEX ix_session_staff_ended_at ON "session" (staff, ended_at);

-- API token: made by a user for scripts, found by the hash of the token.
CREATE TABLE api_token (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  staff {{int}} NOT NULL REFERENCES staff (id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  expires_on TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
);
CREATE INDEX ix_api_token_archived ON api_token (archived);
CREATE INDEX ix_api_token_staff ON api_token (staff);
CREATE INDEX ix_api_token_revoked_at ON api_token (revoked_at);

-- Sign-in attempt: counted per address for the brute-force defence. The email tried is
-- kept only as a hash.
CREATE TABLE sign_in_attempt (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  address TEXT NOT NULL,
  email_hash TEXT NOT NULL,
  "at" TEXT NOT NULL,
  succeeded {{bool}} NOT NULL DEFAULT 0 CHECK (succeeded IN (0, 1))
);
CREATE INDEX ix_sign_in_attempt_archived ON sign_in_attempt (archived);
CREATE INDEX ix_sign_in_attempt_address ON sign_in_attempt (address);
CREATE INDEX ix_sign_in_attempt_email_hash ON sign_in_attempt (email_hash);
CREATE INDEX ix_sign_in_attempt_at ON sign_in_attempt ("at");
CREATE INDEX ix_sign_in_attempt_succeeded ON sign_in_attempt (succeeded);
-- The per-address count: failures from one address since a moment.
CREATE INDEX ix_sign_in_attempt_address_at ON sign_in_attempt (address, succeeded, "at");
