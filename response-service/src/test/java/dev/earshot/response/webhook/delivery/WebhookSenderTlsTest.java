package dev.earshot.response.webhook.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.earshot.response.webhook.format.OutgoingMessage;
import dev.earshot.web.net.AddressGuard;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * Connecting to the vetted address keeps the URL's host for TLS: the receiver's certificate names only
 * "localhost", the connection goes to 127.0.0.1, and host name verification still passes.
 */
class WebhookSenderTlsTest {

    @TempDir
    static Path dir;
    static Vertx vertx;
    static WireMockServer receiver;
    static Path certificate;

    static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("receiver.p12");
        certificate = dir.resolve("receiver.pem");
        keytool("-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "receiver", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        vertx = Vertx.vertx();
        receiver = new WireMockServer(wireMockConfig().dynamicPort().dynamicHttpsPort()
                .keystorePath(keystore.toString()).keystorePassword("changeit").keyManagerPassword("changeit")
                .keystoreType("PKCS12"));
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void theCertificateIsCheckedAgainstTheUrlsHostNotTheAddress() throws Exception {
        receiver.stubFor(post(urlEqualTo("/tls")).willReturn(aResponse().withStatus(200)));
        HttpClientOptions options = new HttpClientOptions()
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(
                        Files.readString(certificate))));
        WebhookSender sender = new WebhookSender(vertx, new AddressGuard(List.of("localhost", "127.0.0.1")),
                Duration.ofSeconds(3), options);
        OutgoingMessage message = new OutgoingMessage("{}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));

        SendResult byName = sender.send("https://localhost:" + receiver.httpsPort() + "/tls", message)
                .await().atMost(Duration.ofSeconds(20));
        assertEquals(200, byName.statusCode(), byName.toString());
        assertEquals("localhost:" + receiver.httpsPort(),
                receiver.findAll(postRequestedFor(urlEqualTo("/tls"))).get(0).getHeader("Host"));

        // The same receiver by IP: the certificate does not name 127.0.0.1, so verification must fail.
        SendResult byAddress = sender.send("https://127.0.0.1:" + receiver.httpsPort() + "/tls", message)
                .await().atMost(Duration.ofSeconds(20));
        assertNull(byAddress.statusCode(), byAddress.toString());
        assertTrue(byAddress.error().startsWith("no answer"), byAddress.error());
    }
}
