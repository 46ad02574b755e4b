package dev.earshot.listener.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.ResourceNotFoundException;
import dev.earshot.listener.rules.Rule;
import dev.earshot.listener.rules.RuleStore;
import io.smallrye.mutiny.Uni;

/**
 * The listening rules: the configured ones, overridden by those managed here (kept in Redis for every
 * replica). A query that does not parse is a 400 naming the column.
 */
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "agent", "lead", "admin" })
@Tag(name = "rules")
@SecurityRequirement(name = "jwt")
public class RulesResource {

    /** A rule as the API shows it, with the platform pre-filter it yields. */
    public record RuleView(String id, String query, List<String> languages, List<String> sources, String origin,
            List<String> searchTerms, List<String> hashtags) {

        static RuleView of(RuleStore.ManagedRule managed) {
            Rule r = managed.rule();
            return new RuleView(r.id(), r.query(), r.languages(), r.sources(), managed.origin().name(), r.searchTerms(),
                    r.hashtags());
        }
    }

    private final RuleStore rules;
    private final ObjectMapper objectMapper;

    public RulesResource(RuleStore rules, ObjectMapper objectMapper) {
        this.rules = rules;
        this.objectMapper = objectMapper;
    }

    @GET
    @Operation(summary = "Every rule in effect, by id")
    public Uni<List<RuleView>> list() {
        return rules.list().map(all -> all.stream().map(RuleView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One rule")
    public Uni<RuleView> get(@PathParam("id") String id) {
        return rules.get(id).map(found -> {
            if (found == null) {
                throw new ResourceNotFoundException("no rule " + id);
            }
            return RuleView.of(found);
        });
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "lead", "admin" })
    @Operation(summary = "Create or replace a rule", description = "Body: {\"query\": \"acme AND (outage OR down)\", "
            + "\"languages\": [\"en\"], \"sources\": [\"mastodon\"]}; 201 when created, 200 when replaced")
    public Uni<RestResponse<RuleView>> put(@PathParam("id") String id, String body) {
        if (!RuleStore.ID.matcher(id).matches()) {
            throw new InvalidRequestException("a rule id is 1 to 64 letters, digits, '_', '-' or '.', starting with a "
                    + "letter or digit");
        }
        JsonNode json;
        try {
            json = objectMapper.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new InvalidRequestException("the body must be a JSON object with a query");
        }
        JsonNode query = json.get("query");
        if (query == null || !query.isTextual() || query.textValue().isBlank()) {
            throw new InvalidRequestException("query is required and must be a non-empty string");
        }
        Rule rule = new Rule(id, query.textValue(), strings(json, "languages"), strings(json, "sources"));
        return rules.put(rule).chain(existed -> rules.get(id).map(saved -> RestResponse.ResponseBuilder
                .create(existed ? RestResponse.Status.OK : RestResponse.Status.CREATED, RuleView.of(saved)).build()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ "lead", "admin" })
    @Operation(summary = "Delete a rule (a configured one is switched off until it is PUT again)")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return rules.delete(id).map(deleted -> {
            if (!deleted) {
                throw new ResourceNotFoundException("no rule " + id);
            }
            return RestResponse.noContent();
        });
    }

    private static List<String> strings(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidRequestException(field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > 64) {
                throw new InvalidRequestException(field + " must be an array of non-empty strings");
            }
            out.add(item.textValue());
        }
        return out;
    }
}
