package dev.earshot.response.common;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;

import dev.earshot.web.Problem;

/**
 * Documents the errors every bearer-token endpoint can answer (400, 401, 403, as problem+json) once, instead of
 * the same three annotations on every resource. A resource's own description of one of them wins; the bare
 * 401/403 Quarkus adds for secured methods are replaced.
 * Registered by {@code mp.openapi.filter}.
 */
public class ProblemResponses implements OASFilter {

    private static final String BAD_ID = """
            {"type":"https://earshot.dev/problems/invalid-request","title":"Invalid request","status":400,\
            "detail":"task id must be a number","instance":"/api/v1/tasks/abc"}""";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/") || path.startsWith("/api/v1/integrations/")) {
                return; // chat tools sign their requests instead of sending a bearer token
            }
            for (Operation operation : item.getOperations().values()) {
                add(operation, "400", "Malformed id, parameter or body", path.startsWith("/api/v1/tasks/{id}"));
                add(operation, "401", "No valid bearer token", false);
                add(operation, "403", "The token's roles do not allow this", false);
            }
        });
    }

    private static void add(Operation operation, String status, String description, boolean badIdExample) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        var existing = operation.getResponses().getAPIResponse(status);
        if (existing != null && existing.getContent() != null) {
            return; // the resource's own description
        }
        MediaType media = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(Problem.class.getSimpleName()));
        if (badIdExample) {
            Example example = OASFactory.createExample().value(BAD_ID);
            media.setExamples(Map.of("bad id", example));
        }
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
        operation.getResponses().addAPIResponse(status,
                OASFactory.createAPIResponse().description(description).content(content));
    }
}
