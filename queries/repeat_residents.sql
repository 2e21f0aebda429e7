-- title: Residents who called several times
-- description: Residents (pseudonymous keys only) with at least min_requests requests received
--   in the period, with their first and last call and the domains asked for.
-- params:
--   from: first month, YYYY-MM
--   to: last month, YYYY-MM (included)
--   min_requests: smallest number of requests to list a resident (default: 2)
SELECT resident_key,
       count(*) AS requests,
       min(received_at) AS first_call,
       max(received_at) AS last_call,
       group_concat(DISTINCT domain) AS domains
FROM requests
WHERE resident_key IS NOT NULL AND received_month BETWEEN :from AND :to
GROUP BY resident_key
HAVING count(*) >= CAST(:min_requests AS INTEGER)
ORDER BY requests DESC, resident_key;
