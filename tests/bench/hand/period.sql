-- The main figures of a period report, by hand, from @FROM@ to @TO@
-- (store.sh puts the days in): every count of what happened in the
-- period, what was active and open on its last day, and the contacts
-- held within 30 days of the last.
SELECT o.code, count(*) FROM referral r
  JOIN organisation o ON o.id = r.referrer_id
  WHERE r.date BETWEEN '@FROM@' AND '@TO@' GROUP BY o.code;
SELECT r.employment_status, count(*) FROM referral r
  WHERE r.date BETWEEN '@FROM@' AND '@TO@' GROUP BY 1;
SELECT status, count(*) FROM case_status
  WHERE status IN ('screened', 'rejected')
  AND effective_date BETWEEN '@FROM@' AND '@TO@' GROUP BY status;
SELECT count(*), count(DISTINCT case_id) FROM assessment_session
  WHERE date BETWEEN '@FROM@' AND '@TO@';
SELECT decision, count(*) FROM decision
  WHERE date BETWEEN '@FROM@' AND '@TO@' GROUP BY decision;
SELECT version = 1, count(*) FROM plan
  WHERE agreed_on BETWEEN '@FROM@' AND '@TO@' GROUP BY 1;
-- Started: a placement's start is its real start once it has started.
SELECT type, count(*) FROM placement
  WHERE start BETWEEN '@FROM@' AND '@TO@'
  AND status NOT IN ('planned', 'cancelled') GROUP BY type;
SELECT status, outcome, count(*) FROM placement_status
  WHERE status IN ('ended', 'cancelled')
  AND effective_date BETWEEN '@FROM@' AND '@TO@' GROUP BY 1, 2;
-- Active on the last day: started by then, and not ended, cancelled or
-- suspended until after it.
SELECT type, count(*) FROM placement
  WHERE start <= '@TO@' AND (status = 'active'
    OR (status IN ('ended', 'cancelled', 'suspended')
    AND status_date > '@TO@'))
  GROUP BY type;
SELECT party, count(*) FROM contact
  WHERE date BETWEEN '@FROM@' AND '@TO@' GROUP BY party;
-- Held on time, roughly: within 30 days of the last with the same party.
SELECT count(*) FROM contact k
  WHERE k.date BETWEEN '@FROM@' AND '@TO@' AND EXISTS (SELECT 1 FROM contact l
    WHERE l.case_id = k.case_id AND l.date < k.date
    AND l.date >= date(k.date, '-30 days') AND l.party = k.party);
SELECT outcome, count(*) FROM case_closure
  WHERE date BETWEEN '@FROM@' AND '@TO@' GROUP BY outcome;
-- Open on the last day, by who met the person last.
SELECT (SELECT k.operator FROM contact k WHERE k.case_id = c.id
    AND k.date <= '@TO@' ORDER BY k.date DESC LIMIT 1), count(*)
  FROM cases c WHERE c.opened_on <= '@TO@'
  AND (c.status IN ('referred', 'screened', 'assessing', 'eligible',
    'planned', 'placed') OR c.status_date > '@TO@')
  GROUP BY 1;
