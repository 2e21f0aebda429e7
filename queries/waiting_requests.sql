-- title: Requests waiting longer than N days
-- description: Requests still waiting, received more than N days before the reference day:
--   waiting for a volunteer (status open) or, once matched, for the volunteer's first contact.
-- params:
--   days: minimum wait in days
--   as_of: reference day YYYY-MM-DD, or today (default: today)
WITH ref AS (
    SELECT CASE WHEN :as_of = 'today' THEN julianday('now', 'localtime')
                ELSE julianday(:as_of) END AS day
)
SELECT d.request_id, d.received_at, d.domain, d.association, d.status,
       CASE WHEN d.status = 'open' THEN 'volunteer' ELSE 'contact' END AS waiting_for,
       CAST(ref.day - julianday(substr(d.received_at, 1, 19)) AS INTEGER) AS days_waiting
FROM request_delays d, ref
WHERE (d.status = 'open' OR (d.status = 'matched' AND d.first_contacted_at IS NULL))
  AND ref.day - julianday(substr(d.received_at, 1, 19)) > CAST(:days AS REAL)
ORDER BY d.received_at;
