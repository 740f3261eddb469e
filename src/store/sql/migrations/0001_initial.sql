-- Lookout's initial schema, written once for SQLite and PostgreSQL. The store's dialect
-- replaces {{id}}, {{int}}, {{real}} and {{bool}} with each engine's types. Table and
-- column names are those of the entity definitions in domain/schema.cc; a store test
-- checks that every field has its column. Booleans are 0/1 integers on both engines;
-- dates are TEXT 'YYYY-MM-DD' and timestamps TEXT 'YYYY-MM-DDTHH:MM:SSZ'.

-- Programme
CREATE TABLE programme (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  name TEXT NOT NULL,
  funder TEXT,
  fy_start_month {{int}} NOT NULL
);
CREATE INDEX ix_programme_archived ON programme (archived);

-- Region
CREATE TABLE region (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  nation TEXT NOT NULL,
  aliases TEXT
);
CREATE INDEX ix_region_archived_code ON region (archived, code);

-- Police force
CREATE TABLE police_force (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  region TEXT NOT NULL REFERENCES region (code),
  pfa_code TEXT,
  rocu TEXT,
  note TEXT
);
CREATE INDEX ix_police_force_archived_name ON police_force (archived, name);
CREATE INDEX ix_police_force_region ON police_force (region);

-- Sector
CREATE TABLE sector (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  stakeholder_label TEXT,
  active {{bool}} NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX ix_sector_archived_code ON sector (archived, code);
CREATE INDEX ix_sector_active ON sector (active);

-- Staff member
CREATE TABLE staff (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  home_region TEXT REFERENCES region (code),
  active {{bool}} NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX ix_staff_archived_name ON staff (archived, name);
CREATE INDEX ix_staff_role ON staff (role);
CREATE INDEX ix_staff_home_region ON staff (home_region);
CREATE INDEX ix_staff_active ON staff (active);

-- Programme objective
CREATE TABLE objective (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT,
  active {{bool}} NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX ix_objective_archived_code ON objective (archived, code);
CREATE INDEX ix_objective_active ON objective (active);

-- Scoring scheme
CREATE TABLE scoring_scheme (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  scheme_version {{int}} NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT,
  active {{bool}} NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX ix_scoring_scheme_archived_scheme_version ON scoring_scheme (archived, scheme_version);
CREATE INDEX ix_scoring_scheme_active ON scoring_scheme (active);

-- Scoring scheme: Factors
CREATE TABLE scoring_factor (
  id {{id}},
  parent_id {{int}} NOT NULL REFERENCES scoring_scheme (id) ON DELETE CASCADE,
  position {{int}} NOT NULL,
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  "group" TEXT NOT NULL,
  weight {{real}} NOT NULL,
  min_score {{int}} NOT NULL,
  max_score {{int}} NOT NULL
);
CREATE INDEX ix_scoring_factor_parent ON scoring_factor (parent_id, position);

-- Partner organisation
CREATE TABLE partner (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  name TEXT NOT NULL,
  sector TEXT NOT NULL REFERENCES sector (code),
  region TEXT NOT NULL REFERENCES region (code),
  active {{bool}} NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX ix_partner_archived_name ON partner (archived, name);
CREATE INDEX ix_partner_sector ON partner (sector);
CREATE INDEX ix_partner_region ON partner (region);
CREATE INDEX ix_partner_active ON partner (active);

-- Insight
CREATE TABLE insight (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  received_on TEXT NOT NULL,
  recorded_by {{int}} NOT NULL REFERENCES staff (id),
  source_type TEXT NOT NULL,
  region TEXT NOT NULL REFERENCES region (code),
  force TEXT REFERENCES police_force (code),
  county_lines {{bool}} NOT NULL DEFAULT 0 CHECK (county_lines IN (0, 1)),
  summary TEXT NOT NULL,
  grade_source TEXT,
  grade_intelligence TEXT,
  grade_handling TEXT,
  handling_conditions TEXT,
  legacy_grade TEXT,
  review_on TEXT,
  status TEXT NOT NULL,
  scoring_scheme {{int}} REFERENCES scoring_scheme (id),
  risk_score {{real}},
  confidence TEXT
);
CREATE INDEX ix_insight_archived_received_on ON insight (archived, received_on);
CREATE INDEX ix_insight_recorded_by ON insight (recorded_by);
CREATE INDEX ix_insight_source_type ON insight (source_type);
CREATE INDEX ix_insight_region ON insight (region);
CREATE INDEX ix_insight_force ON insight (force);
CREATE INDEX ix_insight_county_lines ON insight (county_lines);
CREATE INDEX ix_insight_grade_source ON insight (grade_source);
CREATE INDEX ix_insight_grade_intelligence ON insight (grade_intelligence);
CREATE INDEX ix_insight_grade_handling ON insight (grade_handling);
CREATE INDEX ix_insight_legacy_grade ON insight (legacy_grade);
CREATE INDEX ix_insight_status ON insight (status);
CREATE INDEX ix_insight_scoring_scheme ON insight (scoring_scheme);
CREATE INDEX ix_insight_confidence ON insight (confidence);

-- Insight: Themes
CREATE TABLE insight_themes (
  owner_id {{int}} NOT NULL REFERENCES insight (id) ON DELETE CASCADE,
  value TEXT NOT NULL,
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_insight_themes_value ON insight_themes (value);

-- Insight: NRM exploitation types
CREATE TABLE insight_nrm_exploitation_types (
  owner_id {{int}} NOT NULL REFERENCES insight (id) ON DELETE CASCADE,
  value TEXT NOT NULL,
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_insight_nrm_exploitation_types_value ON insight_nrm_exploitation_types (value);

-- Insight: Location types
CREATE TABLE insight_location_types (
  owner_id {{int}} NOT NULL REFERENCES insight (id) ON DELETE CASCADE,
  value TEXT NOT NULL,
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_insight_location_types_value ON insight_location_types (value);

-- Insight: Factor scores
CREATE TABLE insight_factor_score (
  id {{id}},
  parent_id {{int}} NOT NULL REFERENCES insight (id) ON DELETE CASCADE,
  position {{int}} NOT NULL,
  factor TEXT NOT NULL,
  score {{int}} NOT NULL
);
CREATE INDEX ix_insight_factor_score_parent ON insight_factor_score (parent_id, position);

-- Task
CREATE TABLE task (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  reference TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT,
  county_lines {{bool}} NOT NULL DEFAULT 0 CHECK (county_lines IN (0, 1)),
  lead {{int}} NOT NULL REFERENCES staff (id),
  priority TEXT NOT NULL,
  due_on TEXT,
  status TEXT NOT NULL,
  delivered_on TEXT
);
CREATE INDEX ix_task_archived ON task (archived);
CREATE INDEX ix_task_county_lines ON task (county_lines);
CREATE INDEX ix_task_lead ON task (lead);
CREATE INDEX ix_task_priority ON task (priority);
CREATE INDEX ix_task_status ON task (status);

-- Task: Programme objectives
CREATE TABLE task_objectives (
  owner_id {{int}} NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  value {{int}} NOT NULL REFERENCES objective (id),
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_task_objectives_value ON task_objectives (value);

-- Task: Themes
CREATE TABLE task_themes (
  owner_id {{int}} NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  value TEXT NOT NULL,
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_task_themes_value ON task_themes (value);

-- Task: Regions
CREATE TABLE task_regions (
  owner_id {{int}} NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  value TEXT NOT NULL REFERENCES region (code),
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_task_regions_value ON task_regions (value);

-- Task: Other staff
CREATE TABLE task_staff (
  owner_id {{int}} NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  value {{int}} NOT NULL REFERENCES staff (id),
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_task_staff_value ON task_staff (value);

-- Task: Delivered with
CREATE TABLE task_partners (
  owner_id {{int}} NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  value {{int}} NOT NULL REFERENCES partner (id),
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_task_partners_value ON task_partners (value);

-- Task: Delivered to
CREATE TABLE task_audiences (
  owner_id {{int}} NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  value TEXT NOT NULL,
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_task_audiences_value ON task_audiences (value);

-- Task: Professional sectors delivered to
CREATE TABLE task_audience_sectors (
  owner_id {{int}} NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  value TEXT NOT NULL REFERENCES sector (code),
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_task_audience_sectors_value ON task_audience_sectors (value);

-- Task: Insight answered
CREATE TABLE task_insights (
  owner_id {{int}} NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  value {{int}} NOT NULL REFERENCES insight (id),
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_task_insights_value ON task_insights (value);

-- Task transition
CREATE TABLE task_transition (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  task {{int}} NOT NULL REFERENCES task (id),
  from_status TEXT,
  to_status TEXT NOT NULL,
  "at" TEXT NOT NULL,
  "by" {{int}} REFERENCES staff (id),
  reason TEXT
);
CREATE INDEX ix_task_transition_archived ON task_transition (archived);
CREATE INDEX ix_task_transition_task ON task_transition (task);
CREATE INDEX ix_task_transition_from_status ON task_transition (from_status);
CREATE INDEX ix_task_transition_to_status ON task_transition (to_status);
CREATE INDEX ix_task_transition_by ON task_transition ("by");

-- Campaign
CREATE TABLE campaign (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  start_on TEXT NOT NULL,
  end_on TEXT NOT NULL,
  task {{int}} REFERENCES task (id)
);
CREATE INDEX ix_campaign_archived_start_on ON campaign (archived, start_on);
CREATE INDEX ix_campaign_task ON campaign (task);

-- Campaign: Regions
CREATE TABLE campaign_regions (
  owner_id {{int}} NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
  value TEXT NOT NULL REFERENCES region (code),
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_campaign_regions_value ON campaign_regions (value);

-- Campaign: Partners
CREATE TABLE campaign_partners (
  owner_id {{int}} NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
  value {{int}} NOT NULL REFERENCES partner (id),
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_campaign_partners_value ON campaign_partners (value);

-- Campaign: Themes
CREATE TABLE campaign_themes (
  owner_id {{int}} NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
  value TEXT NOT NULL,
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_campaign_themes_value ON campaign_themes (value);

-- Activity
CREATE TABLE activity (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  task {{int}} NOT NULL REFERENCES task (id),
  campaign {{int}} REFERENCES campaign (id),
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  start_on TEXT NOT NULL,
  end_on TEXT,
  region TEXT NOT NULL REFERENCES region (code),
  force TEXT REFERENCES police_force (code),
  place TEXT,
  notes TEXT
);
CREATE INDEX ix_activity_archived_start_on ON activity (archived, start_on);
CREATE INDEX ix_activity_task ON activity (task);
CREATE INDEX ix_activity_campaign ON activity (campaign);
CREATE INDEX ix_activity_type ON activity (type);
CREATE INDEX ix_activity_region ON activity (region);
CREATE INDEX ix_activity_force ON activity (force);

-- Activity: Partners
CREATE TABLE activity_partners (
  owner_id {{int}} NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  value {{int}} NOT NULL REFERENCES partner (id),
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_activity_partners_value ON activity_partners (value);

-- Activity: Audience counts
CREATE TABLE activity_audience (
  id {{id}},
  parent_id {{int}} NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  position {{int}} NOT NULL,
  "group" TEXT NOT NULL,
  sector TEXT REFERENCES sector (code),
  "count" {{int}} NOT NULL,
  estimated {{bool}} NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1))
);
CREATE INDEX ix_activity_audience_parent ON activity_audience (parent_id, position);
CREATE INDEX ix_activity_audience_sector ON activity_audience (sector);

-- Outcome
CREATE TABLE outcome (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  statement TEXT NOT NULL,
  "level" TEXT NOT NULL,
  description TEXT
);
CREATE INDEX ix_outcome_archived_code ON outcome (archived, code);
CREATE INDEX ix_outcome_level ON outcome ("level");

-- Indicator
CREATE TABLE indicator (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  outcome {{int}} NOT NULL REFERENCES outcome (id),
  statement TEXT NOT NULL,
  positive_answers TEXT,
  base TEXT
);
CREATE INDEX ix_indicator_archived_code ON indicator (archived, code);
CREATE INDEX ix_indicator_outcome ON indicator (outcome);
CREATE INDEX ix_indicator_base ON indicator (base);

-- Survey
CREATE TABLE survey (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  task {{int}} REFERENCES task (id),
  activity {{int}} REFERENCES activity (id),
  description TEXT
);
CREATE INDEX ix_survey_archived ON survey (archived);
CREATE INDEX ix_survey_kind ON survey (kind);
CREATE INDEX ix_survey_period ON survey (period);
CREATE INDEX ix_survey_task ON survey (task);
CREATE INDEX ix_survey_activity ON survey (activity);

-- Survey question
CREATE TABLE survey_question (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  survey {{int}} NOT NULL REFERENCES survey (id),
  "position" {{int}} NOT NULL,
  "text" TEXT NOT NULL,
  kind TEXT NOT NULL,
  options TEXT,
  indicator {{int}} REFERENCES indicator (id)
);
CREATE INDEX ix_survey_question_archived_position ON survey_question (archived, "position");
CREATE INDEX ix_survey_question_survey ON survey_question (survey);
CREATE INDEX ix_survey_question_kind ON survey_question (kind);
CREATE INDEX ix_survey_question_indicator ON survey_question (indicator);

-- Survey response
CREATE TABLE survey_response (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  survey {{int}} NOT NULL REFERENCES survey (id),
  external_id TEXT,
  stakeholder_type TEXT REFERENCES sector (code),
  region TEXT REFERENCES region (code),
  attended_training TEXT NOT NULL,
  responded_on TEXT
);
CREATE INDEX ix_survey_response_archived ON survey_response (archived);
CREATE INDEX ix_survey_response_survey ON survey_response (survey);
CREATE INDEX ix_survey_response_external_id ON survey_response (external_id);
CREATE INDEX ix_survey_response_stakeholder_type ON survey_response (stakeholder_type);
CREATE INDEX ix_survey_response_region ON survey_response (region);
CREATE INDEX ix_survey_response_attended_training ON survey_response (attended_training);
CREATE INDEX ix_survey_response_responded_on ON survey_response (responded_on);

-- Survey response: Answers
CREATE TABLE survey_answer (
  id {{id}},
  parent_id {{int}} NOT NULL REFERENCES survey_response (id) ON DELETE CASCADE,
  position {{int}} NOT NULL,
  question {{int}} NOT NULL REFERENCES survey_question (id),
  answer TEXT
);
CREATE INDEX ix_survey_answer_parent ON survey_answer (parent_id, position);
CREATE INDEX ix_survey_answer_question ON survey_answer (question);

-- Quote
CREATE TABLE quote (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  "text" TEXT NOT NULL,
  stakeholder_type TEXT NOT NULL REFERENCES sector (code),
  region TEXT NOT NULL REFERENCES region (code),
  source TEXT NOT NULL,
  consent_given {{bool}} NOT NULL DEFAULT 0 CHECK (consent_given IN (0, 1)),
  consent_on TEXT,
  approved {{bool}} NOT NULL DEFAULT 0 CHECK (approved IN (0, 1)),
  outcome {{int}} REFERENCES outcome (id),
  task {{int}} REFERENCES task (id),
  collected_on TEXT NOT NULL
);
CREATE INDEX ix_quote_archived_collected_on ON quote (archived, collected_on);
CREATE INDEX ix_quote_stakeholder_type ON quote (stakeholder_type);
CREATE INDEX ix_quote_region ON quote (region);
CREATE INDEX ix_quote_source ON quote (source);
CREATE INDEX ix_quote_consent_given ON quote (consent_given);
CREATE INDEX ix_quote_approved ON quote (approved);
CREATE INDEX ix_quote_outcome ON quote (outcome);
CREATE INDEX ix_quote_task ON quote (task);

-- Case study
CREATE TABLE case_study (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT,
  period TEXT NOT NULL,
  approved {{bool}} NOT NULL DEFAULT 0 CHECK (approved IN (0, 1))
);
CREATE INDEX ix_case_study_archived ON case_study (archived);
CREATE INDEX ix_case_study_period ON case_study (period);
CREATE INDEX ix_case_study_approved ON case_study (approved);

-- Case study: Tasks
CREATE TABLE case_study_tasks (
  owner_id {{int}} NOT NULL REFERENCES case_study (id) ON DELETE CASCADE,
  value {{int}} NOT NULL REFERENCES task (id),
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_case_study_tasks_value ON case_study_tasks (value);

-- Case study: Activities
CREATE TABLE case_study_activities (
  owner_id {{int}} NOT NULL REFERENCES case_study (id) ON DELETE CASCADE,
  value {{int}} NOT NULL REFERENCES activity (id),
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_case_study_activities_value ON case_study_activities (value);

-- Case study: Partners
CREATE TABLE case_study_partners (
  owner_id {{int}} NOT NULL REFERENCES case_study (id) ON DELETE CASCADE,
  value {{int}} NOT NULL REFERENCES partner (id),
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_case_study_partners_value ON case_study_partners (value);

-- Case study: Outcomes
CREATE TABLE case_study_outcomes (
  owner_id {{int}} NOT NULL REFERENCES case_study (id) ON DELETE CASCADE,
  value {{int}} NOT NULL REFERENCES outcome (id),
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_case_study_outcomes_value ON case_study_outcomes (value);

-- Case study: Regions
CREATE TABLE case_study_regions (
  owner_id {{int}} NOT NULL REFERENCES case_study (id) ON DELETE CASCADE,
  value TEXT NOT NULL REFERENCES region (code),
  PRIMARY KEY (owner_id, value)
);
CREATE INDEX ix_case_study_regions_value ON case_study_regions (value);

-- Outcome event
CREATE TABLE outcome_event (
  id {{id}},
  version {{int}} NOT NULL DEFAULT 1,
  archived {{bool}} NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  archived_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  kind TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  region TEXT NOT NULL REFERENCES region (code),
  partner {{int}} REFERENCES partner (id),
  task {{int}} REFERENCES task (id),
  outcome {{int}} REFERENCES outcome (id),
  description TEXT NOT NULL
);
CREATE INDEX ix_outcome_event_archived_occurred_on ON outcome_event (archived, occurred_on);
CREATE INDEX ix_outcome_event_kind ON outcome_event (kind);
CREATE INDEX ix_outcome_event_region ON outcome_event (region);
CREATE INDEX ix_outcome_event_partner ON outcome_event (partner);
CREATE INDEX ix_outcome_event_task ON outcome_event (task);
CREATE INDEX ix_outcome_event_outcome ON outcome_event (outcome);

-- Survey responses carry the survey tool's response id so that a re-import does not
-- count a response twice.
CREATE UNIQUE INDEX ux_survey_response_external_id ON survey_response (survey, external_id)
  WHERE external_id IS NOT NULL;

-- Audit trail: one entry per change, written in the change's transaction. Each entry's
-- hash covers its content and the previous entry's hash, so an edited or removed entry
-- breaks the chain.
CREATE TABLE audit_entry (
  id {{id}},
  "at" TEXT NOT NULL,
  actor TEXT NOT NULL,
  address TEXT,
  request_id TEXT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id {{int}},
  changes TEXT,
  reason TEXT,
  prev_hash TEXT,
  hash TEXT NOT NULL
);
CREATE INDEX ix_audit_entry_entity ON audit_entry (entity, entity_id);
CREATE INDEX ix_audit_entry_at ON audit_entry (at);
