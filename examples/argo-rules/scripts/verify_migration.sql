-- Step 5: verify data integrity after `strata upgrade head`. Each query must return no rows.
SELECT 'email_normalized missing or wrong' AS problem, id FROM users
WHERE email_normalized IS DISTINCT FROM lower(trim(email));
SELECT 'confidence lost' AS problem, id FROM signals
WHERE confidence IS NULL AND id % 10 <> 0;
SELECT 'confidence changed' AS problem, id FROM signals
WHERE confidence IS DISTINCT FROM CASE WHEN id % 10 = 0 THEN NULL ELSE (id % 100) / 100.0 END;
