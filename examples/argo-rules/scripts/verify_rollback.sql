-- Step 7: verify the rollback (`strata downgrade 20250116_090000`). Each query must return no rows.
SELECT 'confidence is not text again' AS problem FROM information_schema.columns
WHERE table_name = 'signals' AND column_name = 'confidence' AND data_type <> 'character varying';
SELECT 'confidence_new still there' AS problem FROM information_schema.columns
WHERE table_name = 'signals' AND column_name = 'confidence_new';
SELECT 'confidence changed' AS problem, id FROM signals
WHERE confidence::double precision IS DISTINCT FROM CASE WHEN id % 10 = 0 THEN NULL ELSE (id % 100) / 100.0 END;
