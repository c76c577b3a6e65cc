/**
 * Test support shared by the modules that need a real PostgreSQL: {@link dev.strata.testkit.TestDatabase}
 * gives each test a fresh database on a real server (the one named by {@code STRATA_TEST_URL}, else the
 * local one on 127.0.0.1:5432, else an embedded server started once per JVM), so such tests never skip.
 */
package dev.strata.testkit;
