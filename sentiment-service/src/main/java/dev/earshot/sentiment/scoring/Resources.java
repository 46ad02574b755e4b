package dev.earshot.sentiment.scoring;

import java.io.IOException;
import java.io.InputStream;

/** Class-path resources, whichever class loader (Quarkus, plain JVM, native image) holds them. */
public final class Resources {

    private Resources() {
    }

    public static InputStream open(String path) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader() == null ? null
                : Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            in = Resources.class.getClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new IOException("no class-path resource " + path);
        }
        return in;
    }
}
