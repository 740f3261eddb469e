-- Reports name a region in sentences ('Local Government Stakeholder in the North East',
-- 'Reached 120 young people in the East of England'): the name as written there, which a
-- programme may change. Filled for the built-in regions; any other keeps its name.
ALTER TABLE region ADD COLUMN prose_name TEXT;
UPDATE region SET prose_name = CASE code
    WHEN 'NE' THEN 'the North East'
    WHEN 'NW' THEN 'the North West'
    WHEN 'YH' THEN 'Yorkshire and the Humber'
    WHEN 'EM' THEN 'the East Midlands'
    WHEN 'WM' THEN 'the West Midlands'
    WHEN 'EE' THEN 'the East of England'
    WHEN 'SE' THEN 'the South East'
    WHEN 'SW' THEN 'the South West'
    WHEN 'LDN' THEN 'London'
    WHEN 'WAL' THEN 'Wales'
    WHEN 'NAT' THEN 'national work'
    ELSE name
  END
  WHERE prose_name IS NULL;
