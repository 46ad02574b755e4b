package dev.earshot.sentiment.rest;

/** An RFC 9457 problem ({@code application/problem+json}), the one error shape of the service. */
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
