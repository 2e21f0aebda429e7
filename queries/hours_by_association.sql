-- title: Volunteer hours by association
-- description: Hours given in the period (assignments whose done_at falls in it), per partner
--   association of the volunteer, with the number of services and of volunteers.
-- params:
--   from: first month, YYYY-MM
--   to: last month, YYYY-MM (included)
SELECT coalesce(volunteer_association, '(none)') AS association,
       count(*) AS services,
       count(DISTINCT volunteer_id) AS volunteers,
       coalesce(sum(hours), 0) AS hours
FROM assignment_details
WHERE done_month BETWEEN :from AND :to
GROUP BY coalesce(volunteer_association, '(none)')
ORDER BY hours DESC, association;
