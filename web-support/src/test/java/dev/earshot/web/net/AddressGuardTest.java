package dev.earshot.web.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    private final AddressGuard strict = new AddressGuard(List.of());

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1/hook", "http://localhost:8080/hook", "http://127.1.2.3/", "http://[::1]/",
            "http://0.0.0.0/", "http://[::]/", "http://10.1.2.3/", "http://172.16.5.4/", "http://172.31.255.255/",
            "http://192.168.1.1/", "http://100.64.0.1/", "http://169.254.169.254/latest/meta-data/",
            "http://[fe80::1]/", "http://[fd12:3456::1]/", "http://[fd00:ec2::254]/", "http://224.0.0.1/",
            "http://255.255.255.255/", "http://metadata.google.internal/computeMetadata/v1/",
            "http://METADATA.google.internal./", "http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/",
            "http://017700000001/", "http://127.1/", "http://[::ffff:7f00:1]/", "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:a9fe:a9fe]/", "http://[::127.0.0.1]/", "http://[64:ff9b::a9fe:a9fe]/",
            "http://[2002:7f00:1::]/" })
    void refusesLoopbackPrivateLinkLocalMetadataAndOddSpellings(String url) {
        assertThrows(AddressGuard.RefusedException.class, () -> strict.check(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://example.com/", "file:///etc/passwd", "gopher://1.1.1.1/", "http:///path",
            "not a url", "https://user:pw@1.1.1.1/", "http://name.invalid/" })
    void refusesOtherSchemesMissingHostsCredentialsAndNamesThatDoNotResolve(String url) {
        assertThrows(AddressGuard.RefusedException.class, () -> strict.check(url), url);
    }

    @Test
    void acceptsAPublicAddressAndKeepsTheUrlParts() throws Exception {
        AddressGuard.Target target = strict.check("https://93.184.215.14/services/T1/B2?x=1&y=%20");
        assertEquals("93.184.215.14", target.address().getHostAddress());
        assertEquals(443, target.port());
        assertTrue(target.ssl());
        assertEquals("/services/T1/B2?x=1&y=%20", target.pathAndQuery());
        assertEquals(80, strict.check("http://[2606:4700:4700::1111]").port());
        assertEquals("/", strict.check("http://[2606:4700:4700::1111]").pathAndQuery());
    }

    @Test
    void theAllowListExemptsNamesAddressesAndRanges() throws Exception {
        AddressGuard guard = new AddressGuard(List.of(" localhost", "10.20.0.0/16", "::1", "chat.internal"));
        assertEquals("127.0.0.1", guard.check("http://localhost:8080/").address().getHostAddress());
        assertEquals("10.20.3.4", guard.check("http://10.20.3.4/").address().getHostAddress());
        guard.check("http://[::1]:9000/");
        assertThrows(AddressGuard.RefusedException.class, () -> guard.check("http://10.21.0.1/"));
        assertThrows(AddressGuard.RefusedException.class, () -> guard.check("http://127.0.0.1/"));
        assertThrows(AddressGuard.RefusedException.class, () -> guard.check("http://169.254.169.254/"));
    }
}
