-- wf-assess list by hand: every assessed case with its latest decision
-- and plan.
SELECT c.id, c.status, g.code,
  (SELECT d.decision FROM decision d WHERE d.case_id = c.id
    ORDER BY d.date DESC, d.id DESC LIMIT 1),
  (SELECT count(*) FROM assessment_session s WHERE s.case_id = c.id),
  (SELECT max(p.version) FROM plan p WHERE p.case_id = c.id)
FROM cases c JOIN programme g ON g.id = c.programme_id
WHERE EXISTS (SELECT 1 FROM assessment_session s WHERE s.case_id = c.id)
ORDER BY c.opened_on, c.id;
