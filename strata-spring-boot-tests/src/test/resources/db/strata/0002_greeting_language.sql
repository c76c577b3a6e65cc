-- strata:revision 0002
-- strata:parents 0001
-- strata:message Add greeting.language

-- strata:upgrade
ALTER TABLE greeting ADD COLUMN language text NOT NULL DEFAULT 'en';

-- strata:downgrade
ALTER TABLE greeting DROP COLUMN language;
