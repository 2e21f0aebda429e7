-- title: Requests by domain and month
-- description: Requests received in each month of the period, per domain, with how many of
--   them are done, still open or matched, cancelled or unmet.
-- params:
--   from: first month, YYYY-MM
--   to: last month, YYYY-MM (included)
SELECT received_month AS month,
       domain,
       count(*) AS requests,
       sum(status = 'done') AS done,
       sum(status IN ('open', 'matched')) AS in_progress,
       sum(status = 'cancelled') AS cancelled,
       sum(status = 'unmet') AS unmet
FROM requests
WHERE received_month BETWEEN :from AND :to
GROUP BY received_month, domain
ORDER BY received_month, domain;
