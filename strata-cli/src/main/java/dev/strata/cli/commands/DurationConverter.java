package dev.strata.cli.commands;

import dev.strata.engine.config.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** Reads durations such as 500ms, 30s, 5min, 1h for picocli options. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value).orElseThrow(() -> new TypeConversionException("'" + value
                + "' is not a duration: use a number with ms, s, min or h, e.g. 30s or 5min"));
    }
}
