-- The main figures of wf-report monthly --month 2026-06, by hand:
-- every count of what happened in the month, what was active and open
-- on its last day, and the contacts held within 30 days of the last.
SELECT o.code, count(*) FROM referral r
  JOIN organisation o ON o.id = r.referrer_id
  WHERE r.date BETWEEN '2026-06-01' AND '2026-06-30' GROUP BY o.code;
SELECT r.employment_status, count(*) FROM referral r
  WHERE r.date BETWEEN '2026-06-01' AND '2026-06-30' GROUP BY 1;
SELECT status, count(*) FROM case_status
  WHERE status IN ('screened', 'rejected')
  AND effective_date BETWEEN '2026-06-01' AND '2026-06-30' GROUP BY status;
SELECT count(*), count(DISTINCT case_id) FROM assessment_session
  WHERE date BETWEEN '2026-06-01' AND '2026-06-30';
SELECT decision, count(*) FROM decision
  WHERE date BETWEEN '2026-06-01' AND '2026-06-30' GROUP BY decision;
SELECT version = 1, count(*) FROM plan
  WHERE agreed_on BETWEEN '2026-06-01' AND '2026-06-30' GROUP BY 1;
SELECT p.type, count(*) FROM placement_status s
  JOIN placement p ON p.id = s.placement_id
  WHERE s.status = 'active' AND s.effective_date BETWEEN '2026-06-01' AND '2026-06-30'
  AND NOT EXISTS (SELECT 1 FROM placement_status t
    WHERE t.placement_id = s.placement_id AND t.status = 'active'
    AND t.id < s.id) GROUP BY p.type;
SELECT status, outcome, count(*) FROM placement_status
  WHERE status IN ('ended', 'cancelled')
  AND effective_date BETWEEN '2026-06-01' AND '2026-06-30' GROUP BY 1, 2;
SELECT type, count(*) FROM (SELECT p.type, s.status, row_number() OVER
  (PARTITION BY s.placement_id ORDER BY s.id DESC) AS n
  FROM placement_status s JOIN placement p ON p.id = s.placement_id
  WHERE s.effective_date <= '2026-06-30') WHERE n = 1 AND status = 'active'
  GROUP BY type;
SELECT party, count(*) FROM contact
  WHERE date BETWEEN '2026-06-01' AND '2026-06-30' GROUP BY party;
SELECT count(*) FROM contact k
  WHERE k.date BETWEEN '2026-06-01' AND '2026-06-30' AND EXISTS (SELECT 1 FROM contact l
    WHERE l.case_id = k.case_id AND l.party = k.party AND l.date < k.date
    AND l.date >= date(k.date, '-30 days'));
SELECT outcome, count(*) FROM case_closure
  WHERE date BETWEEN '2026-06-01' AND '2026-06-30' GROUP BY outcome;
SELECT operator, count(*) FROM (SELECT s.case_id, s.status, s.operator,
  row_number() OVER (PARTITION BY s.case_id ORDER BY s.effective_date DESC,
  s.id DESC) AS n FROM case_status s WHERE s.effective_date <= '2026-06-30')
  WHERE n = 1 AND status IN ('referred', 'screened', 'assessing',
  'eligible', 'planned', 'placed') GROUP BY operator;
