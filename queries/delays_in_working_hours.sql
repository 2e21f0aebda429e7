-- title: Delays in working hours, by partner
-- description: For requests received in the period, per partner association (the one that
--   handled the request): how many found a volunteer, the mean hours from the call to the first
--   match in real time and in working hours (working_hours(), in the association's calendar or
--   the network's), and the share of those matched within the working-time target
--   (working_target_hours(), the setting calendar.target_hours, 16 by default; unlike the
--   indicators, requests never matched are not counted as misses). Negative delays are left out.
-- params:
--   from: first month, YYYY-MM
--   to: last month, YYYY-MM (included)
WITH matched AS (
    SELECT coalesce(association, '(sans association)') AS association, match_delay_hours AS real_hours,
           working_hours(received_at, first_matched_at, association) AS working_hours
    FROM request_delays
    WHERE received_month BETWEEN :from AND :to AND match_delay_hours >= 0
), received AS (
    SELECT coalesce(association, '(sans association)') AS association, count(*) AS requests FROM requests
    WHERE received_month BETWEEN :from AND :to GROUP BY 1
)
SELECT r.association, r.requests,
       count(m.real_hours) AS matched,
       round(avg(m.real_hours), 2) AS mean_match_hours,
       round(avg(m.working_hours), 2) AS mean_match_working_hours,
       round(avg(m.working_hours <= working_target_hours()), 4) AS within_working_target_share
FROM received r
LEFT JOIN matched m ON m.association = r.association
GROUP BY r.association, r.requests
ORDER BY r.association;
