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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.ListParameters;
import dev.earshot.web.Page;
import dev.earshot.web.ResourceNotFoundException;
import dev.earshot.listener.rules.QuerySyntaxException;
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

    /**
     * The body of {@code PUT /api/v1/rules/{id}} (read by hand so that every error names the field; this record
     * gives the OpenAPI document its schema).
     */
    @Schema(name = "RuleRequest", description = "A rule: query, or the older keyword (one whole word or phrase, as "
            + "earshot.listener.rules.<id>.keyword in configuration), not both")
    public record RuleRequest(
            @Schema(description = "rule query: words, \"phrases\", #hashtags, @handles, AND/OR/NOT (capitals), -term, "
                    + "parentheses", examples = "acme AND (outage OR down)") String query,
            @Schema(description = "one whole word or phrase, instead of query", examples = "acme cloud") String keyword,
            @Schema(description = "ISO 639-1 codes; empty: any language", examples = "[\"en\"]") List<String> languages,
            @Schema(description = "source names; empty: every source", examples = "[\"mastodon\"]") List<String> sources) {
    }

    private final RuleStore rules;
    private final ObjectMapper objectMapper;

    public RulesResource(RuleStore rules, ObjectMapper objectMapper) {
        this.rules = rules;
        this.objectMapper = objectMapper;
    }

    @GET
    @Operation(summary = "The rules in effect, by id", description = "In pages of limit rules, ordered by id; "
            + "nextCursor (the id of the page's last rule) gives the next page with ?cursor=, null on the last page. "
            + "An unknown query parameter is a 400.")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = ListParameters.LIMIT_DESCRIPTION,
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = ListParameters.CURSOR_DESCRIPTION
            + ": the rules after this id")
    public Uni<Page<RuleView>> list(@Context UriInfo uri) {
        ListParameters query = ListParameters.check(uri, "limit", "cursor");
        int limit = query.limit();
        String cursor = query.cursor();
        if (cursor != null && !RuleStore.ID.matcher(cursor).matches()) {
            throw new InvalidRequestException("cursor must be the nextCursor of a previous page, a rule id");
        }
        return rules.list().map(all -> {
            // sorted by id (RuleStore): the page starts after the cursor's id, whether that rule still exists or not
            List<RuleView> after = all.stream().filter(r -> cursor == null || r.rule().id().compareTo(cursor) > 0)
                    .limit(limit + 1L).map(RuleView::of).toList();
            return after.size() > limit ? Page.of(after.subList(0, limit), after.get(limit - 1).id())
                    : Page.last(after);
        });
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
            + "\"languages\": [\"en\"], \"sources\": [\"mastodon\"]} or {\"keyword\": \"acme cloud\"}; 201 when "
            + "created, 200 when replaced. 400 naming the column for a query that does not parse, uses lower-case "
            + "and/or/not, or has only NOT/- terms; 400 for a language that is not an ISO 639-1 code")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RuleRequest.class)))
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
        JsonNode keyword = json.get("keyword");
        if (query != null && keyword != null) {
            throw new InvalidRequestException("give query or keyword, not both");
        }
        String text;
        if (keyword != null) {
            if (!keyword.isTextual() || keyword.textValue().isBlank()) {
                throw new InvalidRequestException("keyword must be a non-empty string");
            }
            text = RuleStore.keywordQuery(keyword.textValue());
        } else if (query == null || !query.isTextual() || query.textValue().isBlank()) {
            throw new InvalidRequestException("query is required and must be a non-empty string");
        } else {
            text = query.textValue();
        }
        List<String> languages = strings(json, "languages");
        List<String> sources = strings(json, "sources");
        Rule rule;
        try {
            rule = Rule.strict(id, text, languages, sources);
        } catch (QuerySyntaxException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
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
