-- wf-report quality's main figures by hand: the fields missing or
-- declined in the open and closed cases, and the referrals late.
SELECT c.status = 'closed',
       sum(pe.tax_code IS NULL), sum(pe.citizenship IS NULL),
       sum(r.gender IS NULL), sum(r.gender = 'declined'),
       sum(r.education IS NULL), sum(r.disability IS NULL),
       sum(r.foreign_background IS NULL), sum(r.minority IS NULL),
       sum(r.homeless IS NULL), sum(r.rural IS NULL),
       sum(c.status = 'referred' AND c.status_date < '2026-11-07')
FROM cases c JOIN person pe ON pe.id = c.person_id
JOIN referral r ON r.id = (SELECT min(x.id) FROM referral x WHERE x.case_id = c.id)
WHERE c.status IN ('referred', 'screened', 'assessing', 'eligible', 'planned', 'placed', 'closed')
GROUP BY 1;
