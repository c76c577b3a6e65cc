/**
 * Test support with a real PostgreSQL. In strata-testdb (under Strata's own tests):
 * {@link dev.strata.testkit.TestDatabase} gives each test a fresh database on a real server (the one named by
 * {@code STRATA_TEST_URL}, else the local one on 127.0.0.1:5432, else an embedded server started once per JVM),
 * so such tests never skip. In strata-testkit (the product for users' projects): {@code StrataDatabase}, the
 * same database migrated to a revision, with upgrade/downgrade helpers and the stairway as one assertion.
 */
package dev.strata.testkit;
