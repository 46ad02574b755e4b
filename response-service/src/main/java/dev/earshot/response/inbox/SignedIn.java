package dev.earshot.response.inbox;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The signed-in person as every inbox page's frame needs them: the name shown, which menus they get (insights for
 * leads and admins; Admin for leads and admins, where leads find saved replies only: the pages themselves check the
 * role again) and the CSRF token the page's forms carry.
 */
public record SignedIn(String name, boolean lead, boolean admin, String csrf) {

    static SignedIn of(SecurityIdentity identity, String csrf) {
        boolean admin = identity.hasRole("admin");
        return new SignedIn(identity.getPrincipal().getName(), admin || identity.hasRole("lead"), admin, csrf);
    }
}
