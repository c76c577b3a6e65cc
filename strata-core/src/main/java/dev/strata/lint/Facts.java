package dev.strata.lint;

import dev.strata.lint.Stmt.Action;
import dev.strata.lint.Stmt.ColumnDef;
import dev.strata.lint.Stmt.Kind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

/** Updates the {@link Scope} and its {@link ChainFacts} after a statement has been checked. */
final class Facts {
    private Facts() {
    }

    static void after(Stmt s, Scope scope) {
        ChainFacts chain = scope.chain;
        switch (s.kind()) {
            case CREATE_TABLE -> createTable(s, scope);
            case CREATE_OTHER -> {
                if (s.has("materialized") && s.table() != null) {
                    scope.created.add(s.table());
                }
            }
            case DROP_TABLE -> {
                if (s.table() != null) {
                    chain.dropTable(s.table());
                }
            }
            case CREATE_INDEX -> chain.addIndex(s.table(), s.index().columns(), s.index().unique());
            case ALTER_TABLE -> alterTable(s, scope);
            case SET, RESET -> settings(s, scope);
            case BEGIN -> scope.openTransactions++;
            case COMMIT, ROLLBACK -> scope.openTransactions = Math.max(0, scope.openTransactions - 1);
            case ALTER_TYPE -> {
                int add = Stmt.indexOfSequence(s.tokens(), 0, "add", "value");
                for (int i = add; i >= 0 && i < s.tokens().size(); i++) {
                    if (s.tokens().get(i).type() == Token.Type.STRING) {
                        scope.enumValuesAdded.add(s.tokens().get(i).text());
                        break;
                    }
                }
            }
            case SELECT -> timescale(s, scope);
            default -> {
            }
        }
        if (scope.transactional && (s.is(Kind.ALTER_TABLE) || s.is(Kind.DROP_TABLE) || s.is(Kind.TRUNCATE)
                || s.is(Kind.LOCK)) && scope.existing(s.table())) {
            scope.strongLockHeld = true;
        }
        LockLevel taken = Locks.of(s);
        if (scope.transactional && taken != null && s.table() != null) {
            scope.held.merge(s.table(), taken, LockLevel::stronger);
        }
        if (isSchemaChange(s) && scope.existing(s.table())) {
            scope.alteredExisting.add(s.table());
        }
        scope.before.add(s);
    }

    static boolean isSchemaChange(Stmt s) {
        return Set.of(Kind.ALTER_TABLE, Kind.CREATE_INDEX, Kind.DROP_INDEX, Kind.DROP_TABLE, Kind.TRUNCATE)
                .contains(s.kind());
    }

    private static void createTable(Stmt s, Scope scope) {
        ChainFacts chain = scope.chain;
        scope.created.add(s.table());
        chain.dropTable(s.table());
        var types = chain.columnTypes.computeIfAbsent(s.table(), k -> new HashMap<>());
        for (ColumnDef c : s.columns()) {
            types.put(c.name(), c.type());
            if (c.has("primary") || c.has("unique")) {
                chain.addIndex(s.table(), List.of(c.name()), true);
            }
            if (c.has("primary") || (c.has("not") && c.has("null"))) {
                chain.proveNotNull(s.table(), c.name());
            }
        }
        // table constraints: PRIMARY KEY (a, b), UNIQUE (a, b)
        List<Token> t = s.tokens();
        if ((s.has("tsdb") || s.has("timescaledb")) && s.has("hypertable")) {
            int p = Stmt.indexOfSequence(t, 0, "partition_column");
            List<String> dims = new ArrayList<>();
            if (p >= 0 && p + 2 < t.size() && t.get(p + 2).type() == Token.Type.STRING) {
                dims.add(t.get(p + 2).text());
            }
            chain.hypertables.put(s.table(), dims);
        }
        for (int i = 0; i + 1 < t.size(); i++) {
            if ((t.get(i).is("primary") && t.get(i + 1).is("key")) || t.get(i).is("unique")) {
                int open = t.get(i).is("unique") ? i + 1 : i + 2;
                if (open < t.size() && t.get(open).isSymbol("(")) {
                    chain.addIndex(s.table(), Names.columnList(t, open), true);
                }
            }
        }
    }

    private static void alterTable(Stmt s, Scope scope) {
        ChainFacts chain = scope.chain;
        String table = s.table();
        for (Action a : s.actions()) {
            switch (a.kind()) {
                case ADD_COLUMN -> {
                    for (ColumnDef c : s.columns()) {
                        chain.columnTypes.computeIfAbsent(table, k -> new HashMap<>()).put(c.name(), c.type());
                    }
                }
                case ALTER_TYPE -> {
                    int type = Stmt.indexOfSequence(a.tokens(), 0, "type");
                    ColumnDef def = type < 0 ? null : StatementClassifier.columnDef(a.tokens(), type);
                    if (def != null && a.column() != null) {
                        chain.columnTypes.computeIfAbsent(table, k -> new HashMap<>()).put(a.column(), def.type());
                    }
                }
                case SET_NOT_NULL -> chain.proveNotNull(table, a.column());
                case DROP_COLUMN -> {
                    var types = chain.columnTypes.get(table);
                    if (types != null) {
                        types.remove(a.column());
                    }
                }
                case ADD_CONSTRAINT -> addConstraint(a, table, scope);
                case VALIDATE -> {
                    String name = a.tokens().size() > 2 ? a.tokens().get(2).text() : "";
                    ChainFacts.Column col = chain.pendingNotNullChecks.remove(name);
                    if (col != null) {
                        chain.proveNotNull(col.table(), col.column());
                    }
                }
                case SET_OPTIONS -> {
                    if ((a.has("timescaledb") || a.has("tsdb")) && (a.has("compress") || a.has("enable_columnstore"))) {
                        chain.compressed.add(table);
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void addConstraint(Action a, String table, Scope scope) {
        List<Token> t = a.tokens();
        String name = t.size() > 2 && t.get(1).is("constraint") ? t.get(2).text() : null;
        boolean notValid = Stmt.indexOfSequence(t, 0, "not", "valid") >= 0;
        if (notValid && name != null) {
            scope.notValidAdded.add(name);
        }
        int check = Stmt.indexOfSequence(t, 0, "check");
        if (check >= 0) {
            // CHECK ( col IS NOT NULL )
            if (check + 6 < t.size() && t.get(check + 1).isSymbol("(") && t.get(check + 2).isName()
                    && t.get(check + 3).is("is") && t.get(check + 4).is("not") && t.get(check + 5).is("null")
                    && t.get(check + 6).isSymbol(")")) {
                ChainFacts.Column key = new ChainFacts.Column(table, t.get(check + 2).text());
                if (!notValid) {
                    scope.chain.proveNotNull(key.table(), key.column());
                } else if (name != null) {
                    scope.chain.pendingNotNullChecks.put(name, key);
                }
            }
        }
        for (String kw : List.of("unique", "primary")) {
            int i = Stmt.indexOfSequence(t, 0, kw);
            if (i >= 0) {
                int open = kw.equals("primary") ? i + 2 : i + 1;
                scope.chain.addIndex(table, Names.columnList(t, open), true);
            }
        }
    }

    private static void settings(Stmt s, Scope scope) {
        List<Token> t = s.tokens();
        int i = 1;
        if (i < t.size() && (t.get(i).is("local") || t.get(i).is("session"))) {
            i++;
        }
        String name = i < t.size() ? t.get(i).text() : "";
        if (s.is(Kind.RESET)) {
            if (name.equals("lock_timeout") || name.equals("all")) {
                scope.lockTimeoutOffAt = scope.strataLockTimeout.isZero() ? s.line() : scope.lockTimeoutOffAt;
                scope.lockTimeoutSet = false;
            }
            return;
        }
        List<Token> value = new ArrayList<>();
        for (int j = i + 1; j < t.size(); j++) {
            if (!t.get(j).is("to") && !t.get(j).isSymbol("=")) {
                value.add(t.get(j));
            }
        }
        String v = value.isEmpty() ? "" : value.get(0).text().strip().toLowerCase(java.util.Locale.ROOT);
        if (name.equals("lock_timeout")) {
            boolean off = v.equals("0") || v.equals("0s") || v.equals("0ms") || v.equals("default");
            if (off) {
                scope.lockTimeoutOffAt = s.line();
                scope.lockTimeoutSet = false;
            } else {
                scope.lockTimeoutOffAt = 0;
                scope.lockTimeoutSet = true;
            }
        } else if (name.equals("maintenance_work_mem")) {
            scope.maintenanceWorkMemSet = true;
        }
    }

    private static void timescale(Stmt s, Scope scope) {
        List<Token> t = s.tokens();
        int i = Stmt.indexOfSequence(t, 0, "create_hypertable");
        if (i >= 0 && i + 1 < t.size() && t.get(i + 1).isSymbol("(")) {
            List<List<Token>> args = Names.splitTopLevel(t.subList(i + 2, Names.closing(t, i + 1)));
            if (args.size() >= 2 && !args.get(0).isEmpty()) {
                String table = Names.regclassKey(args.get(0).get(0).text());
                List<String> dims = new ArrayList<>();
                for (List<Token> arg : args.subList(1, args.size())) {
                    if (!arg.isEmpty() && arg.get(0).type() == Token.Type.STRING) {
                        dims.add(arg.get(0).text());
                    } else if (arg.size() >= 3 && arg.get(0).is("by_range") || arg.size() >= 3 && arg.get(0).is("by_hash")) {
                        if (arg.get(2).type() == Token.Type.STRING) {
                            dims.add(arg.get(2).text());
                        }
                    }
                }
                scope.chain.hypertables.put(table, dims);
            }
        }
        for (String fn : List.of("add_compression_policy", "add_columnstore_policy")) {
            int c = Stmt.indexOfSequence(t, 0, fn);
            if (c >= 0 && c + 2 < t.size() && t.get(c + 2).type() == Token.Type.STRING) {
                scope.chain.compressed.add(Names.regclassKey(t.get(c + 2).text()));
            }
        }
    }
}
