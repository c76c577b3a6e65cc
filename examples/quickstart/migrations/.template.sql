-- strata:upgrade


-- strata:downgrade

