-- The main figures of wf-report indicators from 2025-07-01 to 2026-06-30,
-- by hand: participants (a person in a programme with a plan) who entered
-- (first plan) or left (closing) in the span, by gender, and at entry how
-- many were unemployed, inactive, employed, with disabilities.
WITH c AS (
  SELECT c.id, c.person_id, c.programme_id, (SELECT min(x.id) FROM referral x
    WHERE x.case_id = c.id) AS referral,
    (SELECT min(p.agreed_on) FROM plan p WHERE p.case_id = c.id
      AND p.agreed_on <= '2026-06-30') AS entered,
    (SELECT max(z.date) FROM case_closure z WHERE z.case_id = c.id
      AND z.date <= '2026-06-30') AS left_on
  FROM cases c),
part AS (
  SELECT person_id, programme_id, min(entered) AS entered,
    max(left_on) AS left_on, min(referral) AS referral FROM c
  WHERE entered IS NOT NULL GROUP BY person_id, programme_id)
SELECT r.gender, count(*),
  sum(p.entered BETWEEN '2025-07-01' AND '2026-06-30'),
  sum(p.left_on BETWEEN '2025-07-01' AND '2026-06-30'),
  sum(r.employment_status IN ('unemployed', 'never_employed')),
  sum(r.employment_status IN ('inactive', 'student')),
  sum(r.employment_status = 'employed'),
  sum(r.disability = 'yes')
FROM part p JOIN referral r ON r.id = p.referral
WHERE p.entered BETWEEN '2025-07-01' AND '2026-06-30'
  OR p.left_on BETWEEN '2025-07-01' AND '2026-06-30'
GROUP BY r.gender;
