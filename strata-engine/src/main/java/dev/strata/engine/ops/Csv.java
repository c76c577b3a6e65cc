package dev.strata.engine.ops;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, as PostgreSQL's COPY ... CSV reads it: comma-separated, fields in double quotes may hold commas,
 * line breaks and doubled quotes; an unquoted empty field is NULL (null here), a quoted one the empty string.
 * Lines end with LF or CRLF; a last line break is optional; blank lines are skipped.
 */
final class Csv {
    private Csv() {
    }

    static List<List<String>> parse(String text, String where) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int startLine = 1;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
            } else if (ch == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                startLine = line;
            } else if (ch == ',') {
                row.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (!row.isEmpty() || field.length() > 0 || wasQuoted) {
                    row.add(value(field, wasQuoted));
                    rows.add(row);
                }
                row = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                line++;
            } else if (wasQuoted) {
                throw new StrataException(ErrorCode.USAGE, where + ":" + line + ": text after a closing quote; quote"
                        + " the whole field and double any quote inside it");
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new StrataException(ErrorCode.USAGE, where + ":" + startLine + ": a quoted field is not closed;"
                    + " add the closing double quote");
        }
        if (!row.isEmpty() || field.length() > 0 || wasQuoted) {
            row.add(value(field, wasQuoted));
            rows.add(row);
        }
        return rows;
    }

    private static String value(StringBuilder field, boolean quoted) {
        return field.length() == 0 && !quoted ? null : field.toString();
    }
}
