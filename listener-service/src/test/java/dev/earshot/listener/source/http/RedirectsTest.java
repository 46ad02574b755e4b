package dev.earshot.listener.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectsTest {

    private static final URI FEED = URI.create("https://blog.acme.example/feeds/atom.xml?lang=en");

    @ParameterizedTest
    @CsvSource({
            "https://news.acme.example/rss.xml, https://news.acme.example/rss.xml",
            "/moved/feed.xml, https://blog.acme.example/moved/feed.xml",
            "rss.xml, https://blog.acme.example/feeds/rss.xml",
            "../atom.xml, https://blog.acme.example/atom.xml",
            "?lang=de, https://blog.acme.example/feeds/atom.xml?lang=de",
            "//cdn.acme.example/atom.xml, https://cdn.acme.example/atom.xml",
            "/feed.xml#top, https://blog.acme.example/feed.xml",
            "'  /padded.xml  ', https://blog.acme.example/padded.xml",
            "http://[::1]:8080/x, http://[::1]:8080/x" })
    void resolvesTheLocationAgainstTheUrlThatAnsweredWithoutItsFragment(String location, String expected) {
        assertEquals(URI.create(expected), Redirects.resolve(FEED, location));
    }

    @Test
    void aRelativePathAgainstAUrlWithoutPathStartsAtTheRoot() {
        assertEquals(URI.create("http://feeds.example:8080/feed.xml"),
                Redirects.resolve(URI.create("http://feeds.example:8080"), "feed.xml"));
        assertEquals(URI.create("http://feeds.example/?page=2"),
                Redirects.resolve(URI.create("http://feeds.example"), "?page=2"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://exa mple.com/", "http://[::1/", "mailto:", "http:feed.xml", "http://exa_mple.com/" })
    void refusesWhatIsNoUrlWithAHost(String location) {
        assertThrows(IllegalArgumentException.class, () -> Redirects.resolve(FEED, location), location);
    }

    @Test
    void redirectStatusesAreTheFiveThatCarryALocation() {
        for (int status : new int[] { 301, 302, 303, 307, 308 }) {
            assertTrue(Redirects.isRedirect(status), String.valueOf(status));
        }
        for (int status : new int[] { 200, 300, 304, 305, 306, 400 }) {
            assertFalse(Redirects.isRedirect(status), String.valueOf(status));
        }
    }

    @Test
    void sameHostIgnoresCaseTheFinalDotPortAndScheme() {
        assertTrue(Redirects.sameHost(FEED, URI.create("http://BLOG.acme.example.:8443/other")));
        assertTrue(Redirects.sameHost(URI.create("http://[::1]:9000/feed"), URI.create("http://[::1]/feed")));
        assertFalse(Redirects.sameHost(FEED, URI.create("https://acme.example/feeds/atom.xml")));
        assertFalse(Redirects.sameHost(FEED, URI.create("https://blog.acme.example.evil.example/")));
        assertFalse(Redirects.sameHost(URI.create("http://localhost/feed"), URI.create("http://127.0.0.1/feed")));
    }

    @Test
    void onlyHttpAndHttpsAreFollowed() {
        assertTrue(Redirects.httpOrHttps(URI.create("HTTPS://blog.acme.example/")));
        assertTrue(Redirects.httpOrHttps(URI.create("http://blog.acme.example/")));
        assertFalse(Redirects.httpOrHttps(URI.create("file:///etc/passwd")));
        assertFalse(Redirects.httpOrHttps(URI.create("gopher://127.0.0.1:6379/_INFO")));
    }
}
