-- What wf-monitor due lists on 2026-11-22, by hand: for each open case
-- with a placement active that day, the person and the tutor are due 30
-- days after the last contact with them, or after the placement's start;
-- a next contact agreed replaces it. (No suspensions, no follow-ups after
-- a hire: the main figures only.)
WITH open AS (
  SELECT c.id FROM cases c WHERE c.status IN ('referred', 'screened',
    'assessing', 'eligible', 'planned', 'placed')),
running AS (
  SELECT p.case_id, min(p.start) AS start FROM placement p JOIN open o
    ON o.id = p.case_id WHERE p.status = 'active' AND p.type <> 'hire'
  GROUP BY p.case_id),
last AS (
  SELECT k.case_id, k.party, max(k.date) AS date FROM contact k
  JOIN running r ON r.case_id = k.case_id GROUP BY k.case_id, k.party)
SELECT r.case_id, w.party,
  date(max(r.start, coalesce(l.date, r.start)), '+30 days') AS due
FROM running r CROSS JOIN (SELECT 'person' AS party UNION ALL
  SELECT 'tutor') w
LEFT JOIN last l ON l.case_id = r.case_id AND l.party = w.party
WHERE due <= '2026-11-22' ORDER BY due, r.case_id;
