/**
 * Errors meant for people: one unchecked {@link dev.strata.error.StrataException} carrying a stable
 * {@link dev.strata.error.ErrorCode}; the CLI turns the code into an exit status and prints the message
 * as one line.
 */
package dev.strata.error;
