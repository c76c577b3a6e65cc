package dev.strata.bench;

/**
 * What the benchmarks' command lines share: numbers read with one clear error line instead of a
 * {@link NumberFormatException}'s, and whether help was asked for.
 */
public final class Args {
    private Args() {
    }

    /** Whether {@code --help} or {@code -h} is among the arguments. */
    public static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** {@code value} of {@code option} as a whole number of at least {@code min} (underscores allowed: 5_000_000). */
    public static long number(String option, String value, long min) {
        try {
            long n = Long.parseLong(value.replace("_", ""));
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a whole number of at least " + min + ", not '" + value + "'");
    }

    /** As {@link #number}, for an int. */
    public static int count(String option, String value, int min) {
        long n = number(option, value, min);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " is too large: " + value);
        }
        return (int) n;
    }
}
