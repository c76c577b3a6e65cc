package dev.strata.op;

/**
 * How an op that has an online recipe is rendered. {@link #ONLINE} (the default) uses the multi-step
 * forms that keep strong locks short (CONCURRENTLY, NOT VALID + VALIDATE, batched backfills,
 * expand/contract); {@link #BLOCKING} renders the single plain statement, which may hold a strong lock
 * for a scan, a rewrite or an index build. Tables created earlier in the same rendered list always get
 * the plain form: nobody else can see them yet.
 */
public enum Mode {
    ONLINE,
    BLOCKING
}
