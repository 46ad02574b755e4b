package dev.earshot.listener.rest;

/** An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}). */
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
