-- wf-monitor risks by hand: each open case's latest contact that judged
-- the risk, when it was high.
SELECT case_id, date, risk FROM (
  SELECT k.case_id, k.date, k.risk, row_number() OVER (PARTITION BY
    k.case_id ORDER BY k.date DESC, k.id DESC) AS n
  FROM contact k JOIN cases c ON c.id = k.case_id
  WHERE k.risk IS NOT NULL AND c.status IN ('referred', 'screened',
    'assessing', 'eligible', 'planned', 'placed'))
WHERE n = 1 AND risk = 'high' ORDER BY date DESC;
