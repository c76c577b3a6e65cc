package dev.strata.op;

import dev.strata.op.ext.AddCompressionPolicy;
import dev.strata.op.ext.AddDimension;
import dev.strata.op.ext.AddReorderPolicy;
import dev.strata.op.ext.RemoveReorderPolicy;
import dev.strata.op.ext.SetChunkInterval;
import dev.strata.op.ext.AddRefreshPolicy;
import dev.strata.op.ext.AddRetentionPolicy;
import dev.strata.op.ext.CreateContinuousAggregate;
import dev.strata.op.ext.CreateHypertable;
import dev.strata.op.ext.CreateMaterializedView;
import dev.strata.op.ext.CreateRefreshTrigger;
import dev.strata.op.ext.CreateVectorIndex;
import dev.strata.op.ext.DisableCompression;
import dev.strata.op.ext.DropContinuousAggregate;
import dev.strata.op.ext.DropMaterializedView;
import dev.strata.op.ext.DropRefreshTrigger;
import dev.strata.op.ext.DropVectorIndex;
import dev.strata.op.ext.RefreshMaterializedView;
import dev.strata.op.ext.RemoveCompressionPolicy;
import dev.strata.op.ext.RemoveRefreshPolicy;
import dev.strata.op.ext.RemoveRetentionPolicy;
import dev.strata.op.ext.SetCompression;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Set;

/**
 * Ops for PostgreSQL extensions (TimescaleDB, pgvector, materialized views); the records live in
 * {@code dev.strata.op.ext}. Each renders itself ({@link #render}), so {@link Renderer} needs nothing from
 * that package: the only arrow from {@code op} to {@code op.ext} is this {@code permits} clause, which
 * closes the hierarchy (strata-core is a named module, so a sealed type may permit subtypes of another
 * of its packages; on the class path all of them share the unnamed module, which the JVM accepts for
 * public subtypes). A new extension op must be added here and implement {@link #render}.
 */
public sealed interface ExtensionOp extends Op permits
        CreateHypertable, SetCompression, DisableCompression,
        AddCompressionPolicy, RemoveCompressionPolicy, AddRetentionPolicy, RemoveRetentionPolicy,
        CreateContinuousAggregate, DropContinuousAggregate, AddRefreshPolicy, RemoveRefreshPolicy,
        CreateVectorIndex, DropVectorIndex,
        CreateMaterializedView, DropMaterializedView, RefreshMaterializedView,
        CreateRefreshTrigger, DropRefreshTrigger,
        AddReorderPolicy, RemoveReorderPolicy, AddDimension, SetChunkInterval {

    /**
     * The statements of this op; {@code freshTables} are tables created earlier in the same rendered list
     * (nobody else can see them yet, so work on them needs no online-safe form).
     */
    List<Statement> render(Set<QualifiedName> freshTables);
}
