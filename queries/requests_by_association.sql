-- title: Requests by partner association
-- description: Requests received in the period, per partner association that handled them
--   ("(none)" when the export names none): counts by status, residents helped, volunteer hours.
-- params:
--   from: first month, YYYY-MM
--   to: last month, YYYY-MM (included)
SELECT coalesce(r.association, '(none)') AS association,
       count(*) AS requests,
       sum(r.status = 'done') AS done,
       sum(r.status IN ('open', 'matched')) AS in_progress,
       sum(r.status = 'cancelled') AS cancelled,
       sum(r.status = 'unmet') AS unmet,
       count(DISTINCT r.resident_key) AS residents,
       coalesce((SELECT sum(a.hours) FROM assignments a
                  JOIN requests r2 ON r2.request_id = a.request_id
                 WHERE r2.received_month BETWEEN :from AND :to
                   AND coalesce(r2.association, '(none)') = coalesce(r.association, '(none)')), 0) AS hours
FROM requests r
WHERE r.received_month BETWEEN :from AND :to
GROUP BY coalesce(r.association, '(none)')
ORDER BY requests DESC, association;
