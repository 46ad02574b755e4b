package dev.earshot.response.inbox;

import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** Small wordings the inbox's templates need. */
@TemplateExtension
final class InboxTemplateExtensions {

    private InboxTemplateExtensions() {
    }

    /** A sentiment driver as the scored mention carries it ("down:-1.2") worded for the page ("down −1.20"). */
    static String driverText(String driver) {
        int colon = driver.lastIndexOf(':');
        if (colon < 0) {
            return driver;
        }
        if (colon == driver.length() - 1) {
            return driver.substring(0, colon);
        }
        try {
            double weight = Double.parseDouble(driver.substring(colon + 1));
            return driver.substring(0, colon) + " " + String.format(Locale.ROOT, "%+.2f", weight).replace('-', '\u2212');
        } catch (NumberFormatException e) {
            return driver;
        }
    }
}
