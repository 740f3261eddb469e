-- How files exported by survey tools (SurveyMonkey, Google Forms, Microsoft Forms,
-- LimeSurvey, KoboToolbox, any CSV) are read into a survey: the column mapping of the last
-- import given one, as JSON, so that the next import of the survey reuses it.
ALTER TABLE survey ADD COLUMN import_mapping TEXT;
