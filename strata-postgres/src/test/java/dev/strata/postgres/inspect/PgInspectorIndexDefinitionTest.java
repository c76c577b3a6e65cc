package dev.strata.postgres.inspect;

import dev.strata.model.Index;
import dev.strata.model.ObjectName;
import dev.strata.model.SchemaModel;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inspector puts the definition of a plain index together itself instead of asking pg_get_indexdef (which
 * scans the operator classes for every key); on indexes of every kind it must print exactly what
 * pg_get_indexdef prints: default and non-default operator classes (for the column's own type, for enums,
 * arrays, ranges, multiranges, composites, domains and binary-compatible types), collations, orderings,
 * operator class parameters, INCLUDE, predicates, storage parameters, NULLS NOT DISTINCT, partitioned indexes,
 * materialized views, expression keys, quoted names, and extensions' operator classes.
 */
class PgInspectorIndexDefinitionTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    private static final String SCHEMA = """
            CREATE EXTENSION btree_gist; CREATE EXTENSION btree_gin; CREATE EXTENSION pg_trgm; CREATE EXTENSION vector;
            CREATE SCHEMA "My Schema";
            CREATE TYPE public.mood AS ENUM ('a', 'b');
            CREATE TYPE public.pair AS (x int, y text);
            CREATE DOMAIN public.pos AS int CHECK (VALUE > 0);
            CREATE DOMAIN public.tags AS text[];
            CREATE TABLE "My Schema"."Order" ("select" int, "Mixed" text, v varchar(20), c char(3), nm name, ip inet,
                net cidr, j jsonb, arr int[], tarr text[], r int4range, mr int4multirange, p public.pair,
                d public.pos, dt public.tags, m public.mood, ts tsvector, e vector(3), o oid, b bool, u uuid,
                t timestamptz, f float8, pt point, i8 int8);
            CREATE INDEX ON "My Schema"."Order" ("select");
            CREATE INDEX ON "My Schema"."Order" ("Mixed");
            CREATE INDEX ON "My Schema"."Order" (v);
            CREATE INDEX ON "My Schema"."Order" (v text_ops);
            CREATE INDEX ON "My Schema"."Order" (v varchar_pattern_ops);
            CREATE INDEX ON "My Schema"."Order" ("Mixed" text_pattern_ops);
            CREATE INDEX ON "My Schema"."Order" ("Mixed" COLLATE "C");
            CREATE INDEX ON "My Schema"."Order" ("Mixed" DESC);
            CREATE INDEX ON "My Schema"."Order" ("select" NULLS FIRST);
            CREATE INDEX ON "My Schema"."Order" ("select" DESC NULLS LAST);
            CREATE INDEX ON "My Schema"."Order" (c);
            CREATE INDEX ON "My Schema"."Order" (nm);
            CREATE INDEX ON "My Schema"."Order" (ip);
            CREATE INDEX ON "My Schema"."Order" (net);
            CREATE INDEX ON "My Schema"."Order" USING gist (ip inet_ops);
            CREATE INDEX ON "My Schema"."Order" USING gin (j);
            CREATE INDEX ON "My Schema"."Order" USING gin (j jsonb_path_ops);
            CREATE INDEX ON "My Schema"."Order" USING hash (j);
            CREATE INDEX ON "My Schema"."Order" (arr);
            CREATE INDEX ON "My Schema"."Order" USING gin (arr);
            CREATE INDEX ON "My Schema"."Order" USING gin (tarr);
            CREATE INDEX ON "My Schema"."Order" USING gin (dt);
            CREATE INDEX ON "My Schema"."Order" (r);
            CREATE INDEX ON "My Schema"."Order" USING gist (r);
            CREATE INDEX ON "My Schema"."Order" USING spgist (r);
            CREATE INDEX ON "My Schema"."Order" USING brin (r);
            CREATE INDEX ON "My Schema"."Order" (mr);
            CREATE INDEX ON "My Schema"."Order" USING gist (mr);
            CREATE INDEX ON "My Schema"."Order" (p);
            CREATE INDEX ON "My Schema"."Order" USING hash (p);
            CREATE INDEX ON "My Schema"."Order" (d);
            CREATE INDEX ON "My Schema"."Order" (m);
            CREATE INDEX ON "My Schema"."Order" USING hash (m);
            CREATE INDEX ON "My Schema"."Order" USING gin (ts);
            CREATE INDEX ON "My Schema"."Order" USING gist (ts);
            CREATE INDEX ON "My Schema"."Order" USING hnsw (e vector_l2_ops);
            CREATE INDEX ON "My Schema"."Order" USING hnsw (e vector_cosine_ops) WITH (m = 8);
            CREATE INDEX ON "My Schema"."Order" USING gin ("Mixed" gin_trgm_ops);
            CREATE INDEX ON "My Schema"."Order" USING gist ("Mixed" gist_trgm_ops (siglen = 32));
            CREATE INDEX ON "My Schema"."Order" (o);
            CREATE INDEX ON "My Schema"."Order" (b);
            CREATE INDEX ON "My Schema"."Order" USING hash (u);
            CREATE INDEX ON "My Schema"."Order" USING brin (t);
            CREATE INDEX ON "My Schema"."Order" USING brin (t timestamptz_minmax_multi_ops);
            CREATE INDEX ON "My Schema"."Order" USING gist ("select");
            CREATE INDEX ON "My Schema"."Order" USING gin ("select");
            CREATE INDEX ON "My Schema"."Order" USING gist ("select", r);
            CREATE INDEX ON "My Schema"."Order" (f);
            CREATE INDEX ON "My Schema"."Order" USING spgist (pt);
            CREATE INDEX ON "My Schema"."Order" ("select", "Mixed") INCLUDE (v, j);
            CREATE UNIQUE INDEX ON "My Schema"."Order" (i8) NULLS NOT DISTINCT;
            CREATE UNIQUE INDEX ON "My Schema"."Order" (u) INCLUDE ("select");
            CREATE INDEX ON "My Schema"."Order" ("select") WITH (fillfactor = 70);
            CREATE INDEX ON "My Schema"."Order" ("select") WHERE "select" > 0 AND "Mixed" <> 'x' OR v IS NULL;
            CREATE INDEX ON "My Schema"."Order" (m) WHERE m = 'a';
            CREATE INDEX ON "My Schema"."Order" (lower("Mixed"), "select") WHERE m = 'a';
            CREATE INDEX ON "My Schema"."Order" ((d + 1));
            CREATE INDEX ON "My Schema"."Order" (("select"::text));
            ALTER TABLE "My Schema"."Order" ADD CONSTRAINT pk PRIMARY KEY ("select");
            ALTER TABLE "My Schema"."Order" ADD CONSTRAINT uq UNIQUE (u, i8);
            ALTER TABLE "My Schema"."Order" ADD CONSTRAINT ex EXCLUDE USING gist (r WITH &&);
            CREATE TABLE public.parted (id int, k text, PRIMARY KEY (id)) PARTITION BY RANGE (id);
            CREATE TABLE public.parted_1 PARTITION OF public.parted FOR VALUES FROM (0) TO (10);
            CREATE INDEX ON public.parted (k);
            CREATE INDEX ON public.parted_1 (k, id);
            CREATE TABLE public."user" ("user" int, "Group" text);
            CREATE INDEX "Idx ""q""\" ON public."user" ("user", "Group");
            CREATE UNIQUE INDEX ON public."user" USING btree ("Group" varchar_ops);
            CREATE MATERIALIZED VIEW public.mv AS SELECT 1 AS a;
            CREATE UNIQUE INDEX ON public.mv (a);
            """;

    @Test
    void everyDefinitionIsWhatPgGetIndexdefPrints() throws Exception {
        try (Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute(SCHEMA);
            }
            Map<ObjectName, String> expected = new HashMap<>();
            try (Statement s = c.createStatement()) {
                s.execute("SET search_path = ''");
                try (ResultSet rs = s.executeQuery("""
                        SELECT n.nspname, c.relname, pg_catalog.pg_get_indexdef(c.oid)
                        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                        WHERE c.relkind IN ('i', 'I') AND n.nspname IN ('public', 'My Schema')""")) {
                    while (rs.next()) {
                        expected.put(new ObjectName(rs.getString(1), rs.getString(2)), rs.getString(3));
                    }
                }
                s.execute("RESET search_path");
            }
            SchemaModel m = new PgInspector().inspect(c);
            Map<ObjectName, String> actual = new HashMap<>();
            for (Index i : m.indexes().values()) {
                actual.put(i.name(), i.definition());
            }
            assertThat(expected).hasSizeGreaterThan(60);
            assertThat(actual).isEqualTo(expected);
        }
    }
}
