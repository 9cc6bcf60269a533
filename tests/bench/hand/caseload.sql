-- wf-report caseload by hand: the open cases by the operator in charge
-- (who met the person last, else who recorded the referral) and status.
SELECT op, status, count(*) FROM (
  SELECT c.status, coalesce((SELECT k.operator FROM contact k
    WHERE k.case_id = c.id ORDER BY k.date DESC, k.id DESC LIMIT 1),
    (SELECT s.operator FROM case_status s WHERE s.case_id = c.id
    ORDER BY s.id LIMIT 1)) AS op
  FROM cases c WHERE c.status IN ('referred', 'screened', 'assessing',
    'eligible', 'planned', 'placed'))
GROUP BY op, status;
