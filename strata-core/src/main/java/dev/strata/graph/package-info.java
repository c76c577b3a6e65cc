/**
 * The revision graph: an immutable, validated DAG of revisions (parents and depends-on), with Alembic's
 * meaning of heads, bases, branch labels and targets, and the planning of upgrade, downgrade and stamp as
 * ordered {@link dev.strata.graph.Step}s that carry the exact changes to the version table's heads. Pure
 * logic: no database, no files.
 *
 * <h2>Targets</h2>
 * {@code head}, {@code heads}, {@code base}, a full id, a unique id prefix, a branch label, {@code +N},
 * {@code -N}, {@code ID+N}, {@code ID-N} ({@code head-N} and {@code base+N} too), each optionally prefixed by
 * {@code LABEL@} ({@code LABEL@head}, {@code LABEL@heads}, {@code LABEL@base}, {@code LABEL@+N},
 * {@code LABEL@-N}, {@code LABEL@ID}). A label alone names the revision that declares it, as in Alembic
 * ({@code LABEL@head} names the branch's head). History ranges are {@code LOWER:UPPER} with either end
 * empty, a target or {@code current}; LOWER may be {@code -N} (N below UPPER). Ranges are listed newest first.
 *
 * <h2>Where Strata differs from Alembic 1.8</h2>
 * <ul>
 *   <li>A duplicate revision id is an error (Alembic warns and keeps one). Ids and labels may not be
 *       {@code head}, {@code heads}, {@code base} or {@code current}.</li>
 *   <li>Upgrading to a revision that is already applied below the current heads is an error
 *       (TARGET_NOT_REACHABLE, "use downgrade"), and so is {@code upgrade base} with revisions applied;
 *       Alembic silently does nothing.</li>
 *   <li>{@code downgrade -N} with several heads is an error listing them (Alembic warns and picks one);
 *       name the revision to go down to or use {@code LABEL@-N}.</li>
 *   <li>{@code downgrade LABEL@base} reverts only the revisions of that branch and what requires them;
 *       Alembic reverts everything from the root when the branch grows from a shared trunk.</li>
 *   <li>{@code downgrade -N} from a single head may stop right above a merge: it reverts the merge and
 *       leaves the merged revisions as heads (Alembic reports an ambiguous walk). Walking through a merge
 *       is still an error.</li>
 *   <li>A version table holding a revision together with one that requires it is an error
 *       (STATE_INVALID); {@code stamp --purge} repairs it.</li>
 *   <li>Upgrade steps are ordered topologically with ties broken by id, downgrade steps in the reverse
 *       of that order; Alembic's order between independent branches differs but is not specified.</li>
 *   <li>Relative targets ({@code +N}, {@code -N}) are refused by stamp: name the revision.</li>
 * </ul>
 */
package dev.strata.graph;
