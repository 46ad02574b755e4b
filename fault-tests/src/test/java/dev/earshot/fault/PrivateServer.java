package dev.earshot.fault;

/** A server of the fault suite's own (other port, data under target/), which it may stop and start at will. */
interface PrivateServer extends AutoCloseable {

    String name();

    /** Takes the server down (clients see connection refused); its data stays. */
    void stop();

    /** Brings it back on the same port with the same data, and waits until it answers. */
    void start();

    /** Stops it for good; never throws. */
    @Override
    void close();
}
