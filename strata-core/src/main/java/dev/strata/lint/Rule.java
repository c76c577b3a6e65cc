package dev.strata.lint;

/**
 * One lint rule. The linter calls {@link #statement} for every statement of a revision section, in order,
 * with the {@link Scope} as it stands before that statement, then {@link #section} once at the end of the
 * section. A rule reports through the {@link Sink}; it keeps no state of its own (facts live in the scope).
 */
interface Rule {
    RuleInfo info();

    default void statement(Stmt s, Scope scope, Sink out) {
    }

    default void section(Scope scope, Sink out) {
    }

    /** A rule made of its metadata and a statement check. */
    static Rule of(RuleInfo info, StatementCheck check) {
        return new Rule() {
            @Override
            public RuleInfo info() {
                return info;
            }

            @Override
            public void statement(Stmt s, Scope scope, Sink out) {
                check.check(s, scope, out);
            }
        };
    }

    @FunctionalInterface
    interface StatementCheck {
        void check(Stmt s, Scope scope, Sink out);
    }
}
