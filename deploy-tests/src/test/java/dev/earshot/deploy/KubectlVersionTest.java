package dev.earshot.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which kubectl renders the overlays, and the one line a machine without one gets instead (needs no kubectl). */
class KubectlVersionTest {

    private static Optional<String> reasonFor(String major, String minor) {
        return Kustomize.whyUnavailable(Optional.of("""
                {
                  "clientVersion": {
                    "major": "%s",
                    "minor": "%s",
                    "gitVersion": "v%s.%s.4"
                  }
                }
                """.formatted(major, minor, major, minor.replace("+", ""))));
    }

    @Test
    void kubectl127AndNewerRender() {
        assertEquals(Optional.empty(), reasonFor("1", "27"));
        assertEquals(Optional.empty(), reasonFor("1", "32+")); // vendor builds add a +
    }

    @Test
    void anOlderKubectlIsNamedWithHowToGetARecentOne() {
        String reason = reasonFor("1", "20").orElseThrow(); // Debian 12's kubernetes-client
        assertTrue(reason.startsWith("kubectl 1.20 is too old"), reason);
        assertTrue(reason.contains("deploy/README.md ('Installing kubectl')"), reason);
    }

    @Test
    void noKubectlIsOneLineSayingHowToGetIt() {
        String reason = Kustomize.whyUnavailable(Optional.empty()).orElseThrow();
        assertEquals("kubectl is not on the PATH: the manifest checks are skipped; install kubectl 1.27 or newer"
                + " as deploy/README.md ('Installing kubectl') says", reason);
    }

    @Test
    void aVersionItCannotReadFails() {
        assertThrows(IllegalStateException.class, () -> Kustomize.whyUnavailable(Optional.of("error: unknown flag: -o")));
    }
}
