-- A single-statement ledger write (src/domain/points/award-points.ts, the optimistic award) runs outside any
-- transaction of ours: when one of its checks fails after a data-modifying CTE has run, the only way to undo the
-- statement is to fail it. Plain SQL has no RAISE, so this function raises with a message that names the check.
-- VOLATILE, so the planner never evaluates it ahead of the condition that guards it.
CREATE OR REPLACE FUNCTION ledger_abort(message text) RETURNS int LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION 'ledger: %', message USING ERRCODE = 'P0001';
END
$$;
