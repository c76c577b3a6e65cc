package dev.strata.model;

/** What a foreign key does when the referenced row is updated or deleted. */
public enum ReferentialAction {
    NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT;

    /** The SQL words, e.g. {@code SET NULL}. */
    public String sql() {
        return name().replace('_', ' ');
    }
}
