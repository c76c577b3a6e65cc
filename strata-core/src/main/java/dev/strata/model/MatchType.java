package dev.strata.model;

/** A foreign key's MATCH type. */
public enum MatchType { SIMPLE, FULL, PARTIAL }
