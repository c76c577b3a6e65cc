/**
 * Ways into Strata from where a team stands: {@link dev.strata.engine.adopt.Baseline} writes a first revision
 * from a live database's schema and stamps the database at it; {@link dev.strata.engine.adopt.Importer} turns
 * a folder of another tool's migrations (loose SQL files, Flyway, golang-migrate, dbmate, Alembic) into
 * Strata revisions and can stamp a database at the revision matching the other tool's version table.
 * Every guess either makes is returned as a note, so the front end can show it; nothing is printed here.
 */
package dev.strata.engine.adopt;
