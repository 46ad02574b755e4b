package dev.earshot.listener.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.listener.config.ListenerConfig;
import dev.earshot.listener.lease.FeedLeases;
import dev.earshot.listener.model.FeedOwner;
import dev.earshot.listener.model.PollSummary;
import dev.earshot.listener.model.SourceStatus;
import dev.earshot.listener.pipeline.SourceStateStore;
import dev.earshot.listener.source.Feed;
import dev.earshot.listener.source.PollingSource;
import dev.earshot.listener.source.SourcePoller;
import dev.earshot.web.ListParameters;
import dev.earshot.web.Page;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Status of every source per instance with the replica reading each feed, and a manual poll trigger. */
@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "agent", "lead", "admin" })
@Tag(name = "sources")
@SecurityRequirement(name = "jwt")
public class SourcesResource {

    private final SourceStateStore state;
    private final SourcePoller poller;
    private final ListenerConfig config;
    private final FeedLeases leases;

    public SourcesResource(SourceStateStore state, SourcePoller poller, ListenerConfig config, FeedLeases leases) {
        this.state = state;
        this.poller = poller;
        this.config = config;
        this.leases = leases;
    }

    @GET
    @Operation(summary = "Per source and instance: last poll, last success, last error, items per minute, lag, back-off, "
            + "circuit, and the replica that reads each scheduled feed", description = "One page holding every entry "
            + "(the configured sources and a bounded number of pushed ones: earshot.listener.ingest.max-sources and "
            + "max-instances-per-source), so nextCursor is always null; it takes no query parameter (any is a 400).")
    public Uni<Page<SourceStatus>> list(@Context UriInfo uri) {
        ListParameters.check(uri);
        Map<String, PollingSource> sources = poller.sources();
        int threshold = config.poller().circuitFailureThreshold();
        Map<String, Feed> feeds = leases.wantedFeeds();
        return state.knownInstances().chain(known -> {
            Set<String> withState = new HashSet<>();
            Set<String> instancesWithState = new HashSet<>();
            known.forEach(k -> {
                withState.add(k[0]);
                instancesWithState.add(k[0] + "\n" + k[1]);
            });
            List<Uni<SourceStatus>> statuses = new ArrayList<>();
            for (String[] k : known) {
                PollingSource source = sources.get(k[0]);
                statuses.add(state.status(k[0], k[1], source == null || source.enabled(), threshold));
            }
            List<SourceStatus> never = new ArrayList<>();
            sources.forEach((name, source) -> {
                if (!withState.contains(name)) {
                    never.add(SourceStatus.unread(name, null, source.enabled()));
                }
            });
            // a scheduled feed on an instance not read yet, of a source read elsewhere, still shows its owner
            feeds.values().stream().filter(feed -> withState.contains(feed.source())
                    && instancesWithState.add(feed.source() + "\n" + feed.instance()))
                    .forEach(feed -> never.add(SourceStatus.unread(feed.source(), feed.instance(), true)));
            Uni<List<SourceStatus>> read = statuses.isEmpty() ? Uni.createFrom().item(List.of())
                    : Multi.createFrom().iterable(statuses).onItem().transformToUniAndConcatenate(u -> u).collect()
                            .asList();
            return read.map(found -> {
                List<SourceStatus> all = new ArrayList<>(found);
                all.addAll(never);
                all.sort(Comparator.comparing(SourceStatus::source).thenComparing(s -> s.instance() == null ? ""
                        : s.instance()));
                return all;
            });
        }).chain(all -> leases.owners(List.copyOf(feeds.keySet()))
                .map(owners -> Page.last(withOwners(all, feeds, owners))));
    }

    private static List<SourceStatus> withOwners(List<SourceStatus> statuses, Map<String, Feed> feeds,
            Map<String, String> owners) {
        return statuses.stream().map(status -> status.withFeeds(feeds.values().stream()
                .filter(feed -> feed.source().equals(status.source())
                        && (status.instance() == null || status.instance().equals(feed.instance())))
                .sorted(Comparator.comparing(Feed::key))
                .map(feed -> new FeedOwner(feed.key(), owners.get(feed.key())))
                .toList())).toList();
    }

    @POST
    @Path("/{source}/poll")
    @RolesAllowed({ "lead", "admin" })
    @Operation(summary = "Poll a source now", description = "404 for an unknown source, 409 while a poll of it is running")
    public Uni<PollSummary> poll(@PathParam("source") String source) {
        return poller.pollNow(source);
    }
}
