package dev.earshot.response.common;

/** An update without If-Match while earshot.workflow.require-if-match is on (answered 428). */
public class PreconditionRequiredException extends RuntimeException {

    public PreconditionRequiredException(String detail) {
        super(detail);
    }
}
