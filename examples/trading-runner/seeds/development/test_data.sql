-- Development test data: loaded in development only. Safe to run again (delete, then insert).
DELETE FROM orders WHERE account_id IN (SELECT id FROM accounts WHERE name LIKE 'dev-%');
DELETE FROM accounts WHERE name LIKE 'dev-%';
INSERT INTO accounts (name, profile_id)
SELECT 'dev-' || p.name, p.id FROM personality_profiles p;
INSERT INTO orders (account_id, symbol, side, quantity, price)
SELECT a.id, s.symbol, 'buy', 1, 100 FROM accounts a CROSS JOIN (VALUES ('BTC-USD'), ('ETH-USD')) s (symbol)
WHERE a.name LIKE 'dev-%';
INSERT INTO market_data (time, symbol, open, high, low, close, volume)
SELECT t, 'BTC-USD', 100, 101, 99, 100.5, 10
FROM generate_series(now() - INTERVAL '2 days', now(), INTERVAL '1 minute') t
ON CONFLICT DO NOTHING;
