package dev.earshot.web.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps outgoing requests to URLs that strangers can choose (response-service's webhooks, the redirects of the
 * feeds listener-service reads) away from this machine and its networks (SSRF): a URL is accepted only
 * when it is http(s) with a host, and every address its host resolves to is public, unless the allow-list
 * exempts the host name or the address. The check is on resolved addresses, so odd spellings of an IP
 * ({@code 2130706433}, octal, IPv4-mapped IPv6) are caught, and the caller connects to the vetted address
 * itself, so a second DNS answer cannot swap it (rebinding).
 * <p>
 * {@link #check} resolves names with the blocking JDK resolver: call it off the event loop. Plain Java (no CDI,
 * no Vert.x), so each service builds one from its own allow-list setting.
 */
public final class AddressGuard {

    /** Cloud metadata services reachable by name or by an address outside the private ranges. */
    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata",
            "metadata.goog", "instance-data", "instance-data.ec2.internal");
    private static final List<Cidr> BLOCKED = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
            Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.0.0.0/24"), Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"),
            Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"),
            Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"),
            Cidr.parse("fec0::/10"), Cidr.parse("ff00::/8"), Cidr.parse("64:ff9b::/96"),
            Cidr.parse("fd00:ec2::254/128"));

    private static final Pattern NUMERIC_HOST =
            Pattern.compile("(0x[0-9a-f]*|\\d+)(\\.(0x[0-9a-f]*|\\d+))*\\.?");
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");

    private final Set<String> allowedNames;
    private final List<Cidr> allowedRanges;

    /** @param allowList host names, IP addresses and CIDR ranges exempt from the check */
    public AddressGuard(List<String> allowList) {
        HashSet<String> names = new HashSet<>();
        List<Cidr> ranges = new ArrayList<>();
        for (String entry : allowList) {
            String value = entry.strip().toLowerCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            if (value.startsWith("[") && value.endsWith("]")) {
                value = value.substring(1, value.length() - 1);
            }
            Cidr range = Cidr.tryParse(value);
            if (range != null) {
                ranges.add(range);
            } else {
                names.add(value);
            }
        }
        this.allowedNames = Set.copyOf(names);
        this.allowedRanges = List.copyOf(ranges);
    }

    /** Where to connect for an accepted URL: its parts and the vetted address. */
    public record Target(URI uri, String scheme, String host, int port, String pathAndQuery, InetAddress address) {

        public boolean ssl() {
            return "https".equals(scheme);
        }
    }

    /** Thrown for a URL that may not be called; the message says why. */
    public static final class RefusedException extends Exception {

        private final boolean unresolved;

        public RefusedException(String message) {
            this(message, false);
        }

        RefusedException(String message, boolean unresolved) {
            super(message, null, false, false);
            this.unresolved = unresolved;
        }

        /** The host did not resolve: may be a passing DNS failure, unlike the other refusals. */
        public boolean unresolved() {
            return unresolved;
        }
    }

    /** Parses and checks {@code url}, resolving its host (blocking). */
    public Target check(String url) throws RefusedException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new RefusedException("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedException("only http and https URLs are allowed");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedException("URLs with credentials are not allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new RefusedException("the URL has no host");
        }
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String name = bareHost.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (NUMERIC_HOST.matcher(name).matches() && !DOTTED_QUAD.matcher(name).matches()) {
            // 0177.0.0.1, 0x7f.1, 127.1, 2130706433: resolvers disagree on what these mean.
            throw new RefusedException("host " + name + " is an ambiguous IP address; write it as a.b.c.d");
        }
        boolean nameAllowed = allowedNames.contains(name);
        if (!nameAllowed && METADATA_NAMES.contains(name)) {
            throw new RefusedException("host " + name + " is a cloud metadata service");
        }
        InetAddress[] resolved;
        try {
            resolved = InetAddress.getAllByName(bareHost);
        } catch (UnknownHostException | IllegalArgumentException | SecurityException e) {
            throw new RefusedException("host " + name + " does not resolve", true);
        }
        List<InetAddress> addresses = new ArrayList<>(Arrays.asList(resolved));
        for (InetAddress address : addresses) {
            if (!nameAllowed && !allowedAddress(address) && blocked(address)) {
                throw new RefusedException("host " + name + " resolves to a non-public address ("
                        + address.getHostAddress() + ")");
            }
        }
        // IPv4 first: receivers on dual-stack hosts often listen on IPv4 only.
        addresses.sort(Comparator.comparingInt(a -> a instanceof Inet4Address ? 0 : 1));
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Target(uri, scheme, bareHost, port, pathAndQuery, addresses.get(0));
    }

    private boolean allowedAddress(InetAddress address) {
        InetAddress effective = embeddedIpv4(address);
        for (Cidr range : allowedRanges) {
            if (range.contains(address) || range.contains(effective)) {
                return true;
            }
        }
        return false;
    }

    /** Loopback, private, link-local, shared (CGNAT), multicast, reserved or metadata: not public. */
    static boolean blocked(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        InetAddress embedded = embeddedIpv4(address);
        if (embedded != address) {
            return blocked(embedded);
        }
        for (Cidr range : BLOCKED) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible ({@code ::a.b.c.d}),
     * NAT64 ({@code 64:ff9b::a.b.c.d}) or 6to4 ({@code 2002:ab:cd::}) IPv6 address; else the address itself.
     */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        boolean zeros80 = allZero(b, 0, 10);
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !allZero(b, 12, 16)
                && !(allZero(b, 12, 15) && b[15] <= 1);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
        try {
            if (mapped || compatible || nat64) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return address;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** An IP range in CIDR notation; a bare address is a range of one. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            Cidr cidr = tryParse(text);
            if (cidr == null) {
                throw new IllegalArgumentException("not a CIDR range: " + text);
            }
            return cidr;
        }

        /** Null unless {@code text} is an IP literal or CIDR range (never a DNS lookup). */
        static Cidr tryParse(String text) {
            int slash = text.indexOf('/');
            String ip = slash < 0 ? text : text.substring(0, slash);
            if (!ip.contains(":") && !ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                return null;
            }
            if (ip.contains(":") && !ip.matches("[0-9a-fA-F:.]+")) {
                return null;
            }
            try {
                byte[] bytes = InetAddress.getByName(ip).getAddress();
                int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > bytes.length * 8) {
                    return null;
                }
                return new Cidr(bytes, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                return null;
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }
}
