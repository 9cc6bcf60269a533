-- wf-place list by hand: every placement with its host.
SELECT p.id, p.case_id, p.type, o.code, p.start, p.end_date, p.hours_week,
  p.stipend_cents, p.status, p.status_date, p.outcome
FROM placement p JOIN organisation o ON o.id = p.host_id
ORDER BY p.start, p.rowid;
