package dev.strata.graph;

/** Which way a step goes. */
public enum Direction { UP, DOWN }
