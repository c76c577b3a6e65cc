package dev.strata.testkit;

/**
 * Writes the SQL of a large schema with every object kind the differ handles: per group of tables an enum, a
 * domain, a composite type, a sequence, tables with keys, checks, foreign keys, partial / expression / GIN
 * indexes, views on views, a materialized view with an index, a function and a trigger, and comments.
 * {@code variant} 1 changes a few things (columns, an index, a view, a function, an enum label, comments).
 */
public final class GeneratedSchema {
    private GeneratedSchema() {
    }

    public static String sql(int tables, int variant) {
        StringBuilder out = new StringBuilder("CREATE SCHEMA gen;\n");
        int groups = Math.max(1, tables / 10);
        for (int g = 0; g < groups; g++) {
            String labels = variant == 1 && g % 7 == 0 ? "'new', 'open', 'done'" : "'new', 'done'";
            out.append("CREATE TYPE gen.status_").append(g).append(" AS ENUM (").append(labels).append(");\n");
            out.append("CREATE DOMAIN gen.positive_").append(g).append(" AS integer CHECK (VALUE > 0);\n");
            out.append("CREATE TYPE gen.pair_").append(g).append(" AS (a integer, b text);\n");
            out.append("CREATE SEQUENCE gen.seq_").append(g).append(";\n");
            out.append("CREATE FUNCTION gen.touch_").append(g).append("() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := ")
                    .append(variant == 1 && g % 5 == 0 ? "clock_timestamp()" : "now()").append("; RETURN NEW; END $$;\n");
        }
        for (int i = 0; i < tables; i++) {
            int g = i % groups;
            String t = "gen.t" + i;
            out.append("CREATE TABLE ").append(t).append(" (\n")
                    .append("  id bigint PRIMARY KEY,\n")
                    .append("  code text NOT NULL,\n")
                    .append("  status gen.status_").append(g).append(" NOT NULL DEFAULT 'new',\n")
                    .append("  amount numeric(12,2) CHECK (amount >= 0),\n")
                    .append("  qty gen.positive_").append(g).append(",\n")
                    .append("  tags text[],\n")
                    .append("  ticket bigint DEFAULT nextval('gen.seq_").append(g).append("'),\n")
                    .append("  parent_id bigint").append(i > 0 ? " REFERENCES gen.t" + (i - 1) + " (id) ON DELETE SET NULL" : "").append(",\n")
                    .append("  updated_at timestamptz");
            if (variant == 1 && i % 10 == 3) {
                out.append(",\n  extra text DEFAULT 'x'");
            }
            out.append(",\n  CONSTRAINT t").append(i).append("_code_key UNIQUE (code)\n);\n");
            out.append("CREATE INDEX t").append(i).append("_status_idx ON ").append(t).append(" (status) WHERE status <> 'done';\n");
            out.append("CREATE INDEX t").append(i).append("_lower_idx ON ").append(t).append(" (lower(code)")
                    .append(variant == 1 && i % 10 == 5 ? ", id" : "").append(");\n");
            if (i % 3 == 0) {
                out.append("CREATE INDEX t").append(i).append("_tags_idx ON ").append(t).append(" USING gin (tags);\n");
            }
            out.append("CREATE TRIGGER t").append(i).append("_touch BEFORE UPDATE ON ").append(t)
                    .append(" FOR EACH ROW EXECUTE FUNCTION gen.touch_").append(g).append("();\n");
            out.append("COMMENT ON TABLE ").append(t).append(" IS 'table ").append(i)
                    .append(variant == 1 && i % 10 == 7 ? " (changed)" : "").append("';\n");
            out.append("CREATE VIEW gen.v").append(i).append(" AS SELECT id, code").append(variant == 1 && i % 10 == 9 ? ", amount" : "")
                    .append(" FROM ").append(t).append(" WHERE status <> 'done';\n");
            if (i % 5 == 0) {
                out.append("CREATE VIEW gen.vv").append(i).append(" AS SELECT count(*) AS n FROM gen.v").append(i).append(";\n");
            }
            if (i % 10 == 0) {
                out.append("CREATE MATERIALIZED VIEW gen.m").append(i).append(" AS SELECT status, count(*) AS n FROM ")
                        .append(t).append(" GROUP BY status;\n");
                out.append("CREATE UNIQUE INDEX m").append(i).append("_status_idx ON gen.m").append(i).append(" (status);\n");
            }
        }
        return out.toString();
    }
}
