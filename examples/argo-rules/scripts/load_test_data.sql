-- Step 3 of the testing process: test data at the revision before the new ones (20250115_090000).
INSERT INTO users (id, email)
SELECT g, CASE WHEN g % 2 = 0 THEN '  User' || g || '@Argo.IO ' ELSE 'user' || g || '@argo.io' END
FROM generate_series(1, 500) g;

INSERT INTO signals (user_id, symbol, confidence)
SELECT 1 + g % 500, (ARRAY['BTC', 'ETH', 'SOL'])[1 + g % 3], CASE WHEN g % 10 = 0 THEN NULL ELSE round((g % 100) / 100.0, 2)::text END
FROM generate_series(1, 2500) g;
