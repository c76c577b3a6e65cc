package dev.strata.postgres;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cuts URL text into the parts of a {@link PgUrl}. Follows libpq's URI rules (the user part ends at the
 * last '@' before the first '/'; every part is percent-decoded) and pgjdbc's for the JDBC form (query
 * values are form-decoded, so '+' is a space). Reasons in {@link UrlText.Malformed} never quote the text.
 */
final class PgUrlParser {
    private PgUrlParser() {
    }

    static PgUrl parse(String text) throws UrlText.Malformed {
        String lower = text.toLowerCase(Locale.ROOT);
        String scheme;
        String rest;
        if (lower.startsWith("jdbc:postgresql:")) {
            scheme = "jdbc:postgresql";
            rest = text.substring("jdbc:postgresql:".length());
            if (!rest.startsWith("//")) {
                // jdbc:postgresql:db or jdbc:postgresql:/ : the local server
                rest = "//" + (rest.startsWith("/") ? rest : "/" + rest);
            }
        } else if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            scheme = lower.startsWith("postgresql") ? "postgresql" : "postgres";
            rest = text.substring(scheme.length() + 1);
        } else {
            throw new UrlText.Malformed("it does not start with jdbc:postgresql:, postgresql:// or postgres://");
        }
        boolean jdbc = scheme.startsWith("jdbc");
        rest = rest.substring(2);

        int slash = indexOfAny(rest, "/?", 0);
        int firstSlash = slash < 0 ? rest.length() : slash;
        int at = rest.lastIndexOf('@', firstSlash - 1);
        String user = null;
        String password = null;
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = UrlText.decode(colon < 0 ? userInfo : userInfo.substring(0, colon), false);
            password = colon < 0 ? null : UrlText.decode(userInfo.substring(colon + 1), false);
            rest = rest.substring(at + 1);
        }

        int hostEnd = indexOfAny(rest, "/?", 0);
        String hostPart = hostEnd < 0 ? rest : rest.substring(0, hostEnd);
        String path = "";
        String query = "";
        if (hostEnd >= 0) {
            String tail = rest.substring(hostEnd);
            int q = tail.indexOf('?');
            path = q < 0 ? tail : tail.substring(0, q);
            query = q < 0 ? "" : tail.substring(q + 1);
        }
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.indexOf('/') >= 0 || path.indexOf('@') >= 0) {
            throw new UrlText.Malformed("the database name contains '/' or '@' (if the password has them,"
                    + " percent-encode them: '/' as %2F, '@' as %40)");
        }
        String database = UrlText.decode(path, false);
        List<String> hostTexts = splitHosts(hostPart);
        List<String> portOverride = new ArrayList<>();

        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = UrlText.decode(eq < 0 ? pair : pair.substring(0, eq), jdbc);
            String value = eq < 0 ? "" : UrlText.decode(pair.substring(eq + 1), jdbc);
            if (key.isEmpty()) {
                throw new UrlText.Malformed("a query parameter has no name");
            }
            String k = key.toLowerCase(Locale.ROOT);
            if (k.equals("user")) {
                user = value;
            } else if (k.equals("password")) {
                password = value;
            } else if (!jdbc && k.equals("dbname")) {
                database = value;
            } else if (!jdbc && k.equals("host")) {
                hostTexts = List.of(value.split(",", -1));
            } else if (!jdbc && k.equals("port")) {
                portOverride = List.of(value.split(",", -1));
            } else {
                params.put(key, value);
            }
        }

        List<PgUrl.HostPort> hosts = new ArrayList<>();
        for (int i = 0; i < hostTexts.size(); i++) {
            String override = portOverride.isEmpty() ? null
                    : portOverride.get(portOverride.size() == 1 ? 0 : Math.min(i, portOverride.size() - 1));
            hosts.add(hostPort(hostTexts.get(i), override));
        }
        if (database.isEmpty()) {
            database = user != null && !user.isEmpty() ? user : "postgres";
        }
        if (user != null && user.isEmpty()) {
            user = null;
        }
        return new PgUrl(scheme, hosts, database, user, password, params);
    }

    private static List<String> splitHosts(String hostPart) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < hostPart.length(); i++) {
            char c = hostPart.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(hostPart.substring(start, i));
                start = i + 1;
            }
        }
        out.add(hostPart.substring(start));
        return out;
    }

    private static PgUrl.HostPort hostPort(String text, String portOverride) throws UrlText.Malformed {
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new UrlText.Malformed("an IPv6 address lacks its closing ']'");
            }
            host = text.substring(1, close);
            String after = text.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new UrlText.Malformed("unexpected text after an IPv6 address ']'");
                }
                port = after.substring(1);
            }
        } else {
            int colon = text.indexOf(':');
            host = UrlText.decode(colon < 0 ? text : text.substring(0, colon), false);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (portOverride != null && !portOverride.isEmpty()) {
            port = portOverride;
        }
        if (host.startsWith("/")) {
            throw new UrlText.Malformed("Unix-domain sockets are not supported; give a TCP host name or address");
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        return new PgUrl.HostPort(host, parsePort(port));
    }

    private static int parsePort(String port) throws UrlText.Malformed {
        if (port == null || port.isEmpty()) {
            return PgUrl.DEFAULT_PORT;
        }
        if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new UrlText.Malformed("a port is not a number between 1 and 65535 (if the password has"
                    + " '/', '?' or ':' in it, percent-encode them)");
        }
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65535) {
            throw new UrlText.Malformed("a port is not a number between 1 and 65535");
        }
        return p;
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
