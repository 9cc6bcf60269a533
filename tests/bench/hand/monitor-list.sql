-- wf-monitor list by hand: every contact.
SELECT k.id, k.case_id, k.date, k.party, k.how, k.operator, k.risk,
  k.next_steps, k.next_date FROM contact k ORDER BY k.date, k.id;
