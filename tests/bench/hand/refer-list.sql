-- wf-refer list by hand: every case with its referral and person.
SELECT c.id, c.status, c.status_date, g.code, r.date, o.code,
  r.referrer_contact, r.employment_status, pe.first_name, pe.last_name,
  pe.tax_code, pe.birth_date, pe.municipality
FROM cases c JOIN programme g ON g.id = c.programme_id
JOIN referral r ON r.id = (SELECT min(x.id) FROM referral x
  WHERE x.case_id = c.id)
JOIN organisation o ON o.id = r.referrer_id
JOIN person pe ON pe.id = c.person_id ORDER BY c.opened_on, c.id;
