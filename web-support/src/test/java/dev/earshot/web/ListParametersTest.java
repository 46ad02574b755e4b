package dev.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;

class ListParametersTest {

    private static UriInfo query(String... pairs) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.add(pairs[i], pairs[i + 1]);
        }
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getQueryParameters")) {
                        return map;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void repeatedAndCommaSeparatedValuesAreTheSame() {
        List<String> known = List.of("tier", "limit");
        List<String> repeated = ListParameters.check(query("tier", "P1", "tier", "P2"), known, List.of("tier"))
                .values("tier");
        List<String> comma = ListParameters.check(query("tier", "P1, P2,"), known, List.of("tier")).values("tier");
        assertEquals(List.of("P1", "P2"), repeated);
        assertEquals(repeated, comma);
    }

    @Test
    void anUnknownParameterIsRefusedNamingTheKnownOnes() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ListParameters.check(query("tiers", "P1"), List.of("tier", "limit"), List.of("tier")));
        assertTrue(e.getMessage().contains("tiers") && e.getMessage().contains("tier, limit"), e.getMessage());
    }

    @Test
    void aSingleValuedParameterGivenTwiceIsRefused() {
        assertThrows(InvalidRequestException.class,
                () -> ListParameters.check(query("limit", "5", "limit", "6"), "limit"));
    }

    @Test
    void anUnknownValueIsRefused() {
        ListParameters p = ListParameters.check(query("tier", "P1,P9"), List.of("tier"), List.of("tier"));
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> p.values("tier", List.of("P1", "P2", "P3", "P4")));
        assertTrue(e.getMessage().contains("P9"), e.getMessage());
    }

    @Test
    void limitIsOneToTwoHundredWithFiftyByDefault() {
        assertEquals(50, ListParameters.check(query()).limit());
        assertEquals(200, ListParameters.check(query("limit", "200"), "limit").limit());
        assertThrows(InvalidRequestException.class, () -> ListParameters.check(query("limit", "201"), "limit").limit());
        assertThrows(InvalidRequestException.class, () -> ListParameters.check(query("limit", "0"), "limit").limit());
        assertThrows(InvalidRequestException.class, () -> ListParameters.check(query("limit", "x"), "limit").limit());
    }
}
