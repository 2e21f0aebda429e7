-- title: Over-solicited volunteers in a month
-- description: Volunteers (pseudonymous ids only) with more assignments matched in the month
--   than the threshold, busiest first.
-- params:
--   month: the month, YYYY-MM
--   threshold: assignments above which a volunteer is over-solicited (default: 4)
SELECT volunteer_id, association, assignments, hours
FROM volunteer_load
WHERE month = :month AND assignments > CAST(:threshold AS INTEGER)
ORDER BY assignments DESC, volunteer_id;
