-- Default personality profiles: every environment that loads seed data. Safe to run again.
INSERT INTO personality_profiles (name, risk_tolerance, parameters) VALUES
    ('conservative', 0.20, '{"max_position_pct": 2, "stop_loss_pct": 1.5}'),
    ('balanced', 0.50, '{"max_position_pct": 5, "stop_loss_pct": 3}'),
    ('aggressive', 0.80, '{"max_position_pct": 10, "stop_loss_pct": 6}')
ON CONFLICT (name) DO UPDATE SET risk_tolerance = EXCLUDED.risk_tolerance, parameters = EXCLUDED.parameters;
