-- title: Volunteers month by month
-- description: For each month of the period: volunteers registered (joined before the month
--   ends and not left before it starts), active (at least one assignment matched in the month),
--   new (joined in the month) and left (left in the month). Same definitions as the indicators.
-- params:
--   from: first month, YYYY-MM
--   to: last month, YYYY-MM (included)
WITH RECURSIVE months(month) AS (
    SELECT :from
    UNION ALL
    SELECT strftime('%Y-%m', month || '-01', '+1 month') FROM months WHERE month < :to
)
SELECT m.month,
       (SELECT count(*) FROM volunteers v
         WHERE v.joined_month <= m.month
           AND (v.left_on IS NULL OR v.left_month >= m.month)) AS registered,
       (SELECT count(DISTINCT a.volunteer_id) FROM assignments a
         WHERE a.matched_month = m.month) AS active,
       (SELECT count(*) FROM volunteers v WHERE v.joined_month = m.month) AS new,
       (SELECT count(*) FROM volunteers v WHERE v.left_month = m.month) AS "left"
FROM months m
WHERE m.month <= :to
ORDER BY m.month;
