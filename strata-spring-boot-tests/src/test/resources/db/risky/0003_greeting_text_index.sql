-- strata:revision 0003
-- strata:parents 0002
-- strata:message Index greeting.text (without CONCURRENTLY: lint error SA001)

-- strata:upgrade
CREATE INDEX greeting_text ON greeting (text);

-- strata:downgrade
DROP INDEX greeting_text;
