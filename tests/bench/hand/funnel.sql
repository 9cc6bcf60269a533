-- wf-report funnel by hand: the cases that reached each status by
-- 2026-11-22.
SELECT status, count(DISTINCT case_id) FROM case_status
  WHERE effective_date <= '2026-11-22' GROUP BY status;
