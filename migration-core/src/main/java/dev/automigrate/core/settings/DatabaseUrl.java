package dev.automigrate.core.settings;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A PostgreSQL connection address, parsed from {@code postgresql://}, {@code postgres://} or
 * {@code jdbc:postgresql://} form. The password is kept apart: {@link #toString()} and every message
 * show it as {@code ***}; JDBC receives the credentials as properties, never inside the URL.
 */
public final class DatabaseUrl {
    public static final int DEFAULT_PORT = 5432;
    private static final String MASK = "***";

    private final String scheme;
    private final String user;
    private final String password;
    private final List<HostAndPort> hosts;
    private final String database;
    private final Map<String, String> parameters;

    /** One server of the address; pgjdbc accepts several for fail-over. */
    public record HostAndPort(String host, int port) {
        boolean isIpv6() {
            return host.indexOf(':') >= 0;
        }

        @Override
        public String toString() {
            return (isIpv6() ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private DatabaseUrl(String scheme, String user, String password, List<HostAndPort> hosts, String database,
                        Map<String, String> parameters) {
        this.scheme = scheme;
        this.user = user;
        this.password = password;
        this.hosts = List.copyOf(hosts);
        this.database = database;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Parses {@code raw}; a malformed value is a {@link SettingsException} on {@code DATABASE_URL}. */
    public static DatabaseUrl parse(String raw) {
        return new Parser(raw).parse();
    }

    /** The same address with other credentials; a null argument keeps the current one. */
    public DatabaseUrl withCredentials(String newUser, String newPassword) {
        return new DatabaseUrl(scheme, newUser != null ? newUser : user, newPassword != null ? newPassword : password,
                hosts, database, parameters);
    }

    public String user() {
        return user;
    }

    /** The password, for the JDBC driver only; never log it. */
    public String password() {
        return password;
    }

    public boolean hasPassword() {
        return password != null;
    }

    public List<HostAndPort> hosts() {
        return hosts;
    }

    /** The first (usually only) host. */
    public String host() {
        return hosts.get(0).host();
    }

    public int port() {
        return hosts.get(0).port();
    }

    public String database() {
        return database;
    }

    /** Query parameters other than {@code user} and {@code password}, passed on to pgjdbc. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The JDBC URL without credentials. */
    public String jdbcUrl() {
        String hostList = hosts.stream().map(HostAndPort::toString).collect(Collectors.joining(","));
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hostList).append('/')
                .append(encode(database));
        appendQuery(url, parameters);
        return url.toString();
    }

    /** Properties for the JDBC driver: the credentials. */
    public Properties jdbcProperties() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    /** The address as given, with the password replaced by {@code ***}. */
    public String masked() {
        StringBuilder url = new StringBuilder(scheme).append("://");
        if (user != null) {
            url.append(encode(user));
            if (password != null) {
                url.append(':').append(MASK);
            }
            url.append('@');
        }
        url.append(hosts.stream().map(HostAndPort::toString).collect(Collectors.joining(",")));
        url.append('/').append(encode(database));
        appendQuery(url, parameters);
        return url.toString();
    }

    /** Replaces this URL's password, plain and percent-encoded, in any text (a driver message, a log line). */
    public String maskSecrets(String text) {
        return SecretMasker.of(password).mask(text);
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DatabaseUrl that && scheme.equals(that.scheme) && Objects.equals(user, that.user)
                && Objects.equals(password, that.password) && hosts.equals(that.hosts)
                && database.equals(that.database) && parameters.equals(that.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, user, hosts, database, parameters);
    }

    private static void appendQuery(StringBuilder url, Map<String, String> parameters) {
        if (!parameters.isEmpty()) {
            url.append('?').append(parameters.entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&")));
        }
    }

    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Parses one URL; every error names the masked value, never the raw one. */
    private static final class Parser {
        private final String raw;
        private String maskedRaw;

        Parser(String raw) {
            this.raw = raw;
        }

        DatabaseUrl parse() {
            if (raw == null || raw.isBlank()) {
                throw new SettingsException(Setting.DATABASE_URL, raw == null ? null : "", "is empty");
            }
            String value = raw.strip();
            maskedRaw = maskRawPassword(value);
            String lower = value.toLowerCase(Locale.ROOT);
            String scheme;
            String rest;
            if (lower.startsWith("jdbc:postgresql://")) {
                scheme = "jdbc:postgresql";
                rest = value.substring("jdbc:postgresql://".length());
            } else if (lower.startsWith("postgresql://")) {
                scheme = "postgresql";
                rest = value.substring("postgresql://".length());
            } else if (lower.startsWith("postgres://")) {
                scheme = "postgres";
                rest = value.substring("postgres://".length());
            } else {
                throw fail("must start with postgresql://, postgres:// or jdbc:postgresql://");
            }

            int queryStart = rest.indexOf('?');
            String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
            String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
            int fragment = query.indexOf('#');
            if (fragment >= 0) {
                query = query.substring(0, fragment);
            }

            // the last '@' before the query ends the credentials, so an unencoded '@' in a password still parses
            int at = beforeQuery.lastIndexOf('@');
            String userInfo = at < 0 ? null : beforeQuery.substring(0, at);
            String hostAndPath = at < 0 ? beforeQuery : beforeQuery.substring(at + 1);

            int slash = hostAndPath.indexOf('/');
            String hostPart = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
            String path = slash < 0 ? "" : hostAndPath.substring(slash + 1);
            if (path.contains("/")) {
                throw fail("has more than one path segment after the host; the path is the database name");
            }

            String user = null;
            String password = null;
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
                password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password");
                if (user.isEmpty()) {
                    throw fail("has credentials but no user name before ':'");
                }
            }

            List<HostAndPort> hosts = parseHosts(hostPart);
            String database = decode(path, "database name");

            Map<String, String> parameters = new LinkedHashMap<>();
            if (!query.isEmpty()) {
                for (String pair : query.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String key = decode(eq < 0 ? pair : pair.substring(0, eq), "parameter name");
                    String val = eq < 0 ? "" : decode(pair.substring(eq + 1), "parameter value");
                    if (key.isEmpty()) {
                        throw fail("has a query parameter without a name");
                    }
                    if (key.equals("user")) {
                        user = user == null ? val : user;
                    } else if (key.equals("password")) {
                        password = password == null ? val : password;
                    } else {
                        parameters.put(key, val);
                    }
                }
            }
            if (database.isEmpty()) {
                throw fail("names no database: add /<database> after the host");
            }
            return new DatabaseUrl(scheme, user, password, hosts, database, parameters);
        }

        private List<HostAndPort> parseHosts(String hostPart) {
            if (hostPart.isEmpty()) {
                throw fail("names no host");
            }
            List<HostAndPort> hosts = new ArrayList<>();
            for (String entry : hostPart.split(",", -1)) {
                hosts.add(parseHost(entry));
            }
            return hosts;
        }

        private HostAndPort parseHost(String entry) {
            String host;
            String portText = null;
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                if (close < 0) {
                    throw fail("has an IPv6 host without a closing ']'");
                }
                host = entry.substring(1, close);
                String after = entry.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw fail("has text after the IPv6 host that is not a port");
                    }
                    portText = after.substring(1);
                }
                if (host.isEmpty() || !host.matches("[0-9A-Fa-f:.%a-zA-Z]+")) {
                    throw fail("has an invalid IPv6 host");
                }
            } else {
                int colon = entry.indexOf(':');
                if (colon >= 0 && entry.indexOf(':', colon + 1) >= 0) {
                    throw fail("has an IPv6 host that is not in brackets: write [" + entry + "]");
                }
                host = colon < 0 ? entry : entry.substring(0, colon);
                portText = colon < 0 ? null : entry.substring(colon + 1);
                if (host.isEmpty()) {
                    throw fail("names no host");
                }
                if (!host.matches("[A-Za-z0-9._-]+")) {
                    throw fail("has an invalid host name");
                }
            }
            int port = DEFAULT_PORT;
            if (portText != null) {
                if (portText.isEmpty() || !portText.matches("\\d{1,5}")) {
                    throw fail("has an invalid port '" + portText + "'");
                }
                port = Integer.parseInt(portText);
                if (port < 1 || port > 65535) {
                    throw fail("has a port outside 1-65535: " + port);
                }
            }
            return new HostAndPort(host, port);
        }

        private String decode(String text, String what) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '%') {
                    if (i + 2 >= text.length()) {
                        throw fail("has an incomplete percent-encoding in the " + what);
                    }
                    int hi = Character.digit(text.charAt(i + 1), 16);
                    int lo = Character.digit(text.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0) {
                        throw fail("has an invalid percent-encoding in the " + what);
                    }
                    bytes.write(hi * 16 + lo);
                    i += 2;
                } else {
                    byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    bytes.write(encoded, 0, encoded.length);
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }

        private SettingsException fail(String reason) {
            return new SettingsException(Setting.DATABASE_URL, maskedRaw, reason);
        }

        /** Masks what looks like a password in a URL that may not parse, for error messages. */
        static String maskRawPassword(String value) {
            String masked = value;
            int queryStart = masked.indexOf('?');
            int end = queryStart < 0 ? masked.length() : queryStart;
            int at = end == 0 ? -1 : masked.lastIndexOf('@', end - 1);
            if (at > 0) {
                int slashes = masked.lastIndexOf("//", at);
                int authority = slashes < 0 ? 0 : slashes + 2;
                int colon = masked.indexOf(':', authority);
                if (colon >= 0 && colon < at) {
                    masked = masked.substring(0, colon + 1) + MASK + masked.substring(at);
                }
            }
            return masked.replaceAll("(?i)([?&]password=)[^&#]*", "$1" + MASK);
        }
    }
}
