-- title: Delays by domain
-- description: For requests received in the period, per domain: how many found a volunteer,
--   the median and mean hours from the call to the first match, the share of those matched
--   requests matched within the target (the setting response_target_hours, 48 h by default;
--   unlike the indicators' within_target_share, requests never matched are not counted as misses),
--   and the median hours to the first contact. Negative delays (inconsistent data) are left out.
-- params:
--   from: first month, YYYY-MM
--   to: last month, YYYY-MM (included)
WITH match AS (
    SELECT domain, match_delay_hours AS h,
           row_number() OVER (PARTITION BY domain ORDER BY match_delay_hours) AS k,
           count(*) OVER (PARTITION BY domain) AS n
    FROM request_delays
    WHERE received_month BETWEEN :from AND :to AND match_delay_hours >= 0
), contact AS (
    SELECT domain, contact_delay_hours AS h,
           row_number() OVER (PARTITION BY domain ORDER BY contact_delay_hours) AS k,
           count(*) OVER (PARTITION BY domain) AS n
    FROM request_delays
    WHERE received_month BETWEEN :from AND :to AND contact_delay_hours >= 0
), match_stats AS (
    SELECT domain, max(n) AS matched,
           avg(CASE WHEN k IN ((n + 1) / 2, (n + 2) / 2) THEN h END) AS median_match_hours,
           avg(h) AS mean_match_hours,
           round(avg(h <= response_target_hours()), 4) AS within_target_share
    FROM match GROUP BY domain
), contact_stats AS (
    SELECT domain, avg(CASE WHEN k IN ((n + 1) / 2, (n + 2) / 2) THEN h END) AS median_contact_hours
    FROM contact GROUP BY domain
), received AS (
    SELECT domain, count(*) AS requests FROM requests
    WHERE received_month BETWEEN :from AND :to GROUP BY domain
)
SELECT r.domain, r.requests,
       coalesce(m.matched, 0) AS matched,
       round(m.median_match_hours, 2) AS median_match_hours,
       round(m.mean_match_hours, 2) AS mean_match_hours,
       m.within_target_share,
       round(c.median_contact_hours, 2) AS median_contact_hours
FROM received r
LEFT JOIN match_stats m ON m.domain = r.domain
LEFT JOIN contact_stats c ON c.domain = r.domain
ORDER BY r.domain;
