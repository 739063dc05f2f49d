package io.aioarango.core.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.ArangoServerException;
import io.aioarango.api.Cluster;
import io.aioarango.api.Credentials;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.NoHostAvailableException;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.ArangoObservationContext;
import io.aioarango.core.ArangoObservationConvention;
import io.aioarango.core.DefaultArangoObservationConvention;
import io.aioarango.core.Hedging;
import io.aioarango.core.testing.ThreeCoordinatorTest;
import io.aioarango.testkit.FakeCoordinator;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each call's observation, as OpenTelemetry's database client spans describe it: its keys on success and on
 * failure, the coordinator that ended it, a user's convention, and the spans Micrometer Tracing makes of it.
 * What is observed happens in the core, whatever the transport: this runs once, over netty.
 */
class ObservationTest extends ThreeCoordinatorTest {

    @Override
    protected String transport() {
        return "netty";
    }

    /** Every observation's low-cardinality keys when it started, and its context when it stopped. */
    static final class Recorder implements ObservationHandler<Observation.Context> {
        final List<Map<String, String>> started = Collections.synchronizedList(new ArrayList<>());
        final List<Observation.Context> stopped = Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        @Override
        public void onStart(Observation.Context context) {
            started.add(keys(context));
        }

        @Override
        public void onStop(Observation.Context context) {
            stopped.add(context);
        }
    }

    private static Map<String, String> keys(Observation.Context context) {
        return context.getLowCardinalityKeyValues().stream()
                .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }

    private static ObservationRegistry registry(ObservationHandler<?> handler) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(handler);
        return registry;
    }

    /** Always the first coordinator offered, without hedges: the test knows which coordinator answers. */
    private Cluster cluster(ObservationRegistry registry, String database) {
        return cluster(database, builder -> builder.observationRegistry(registry));
    }

    private Cluster cluster(String database, UnaryOperator<ArangoClient.Builder> setup) {
        return client(setup.apply(ArangoClient.builder().hosts(fakeCluster.hosts()).transport(transport())
                .hedging(Hedging.off()).hostResolver(candidates -> candidates.get(0))))
                .db(database, "root", "passwd").join().cluster();
    }

    private static String port(FakeCoordinator coordinator) {
        return Integer.toString(coordinator.port());
    }

    @Test
    void aSuccessfulCallHasTheDatabaseClientKeysAndNoErrorType() {
        Recorder recorder = new Recorder();

        await(cluster(registry(recorder), "_system").serverId());

        assertThat(recorder.started).singleElement().isEqualTo(Map.of(
                "db.system.name", "arangodb", "db.namespace", "_system", "db.operation.name", "cluster.serverId",
                "operation", "cluster.serverId", "method", "GET"));
        assertThat(recorder.stopped).singleElement().satisfies(context -> {
            assertThat(context.getName()).isEqualTo("arango.client.call");
            assertThat(context.getContextualName()).isEqualTo("cluster.serverId _system");
            assertThat(keys(context)).containsOnly(entry("db.system.name", "arangodb"),
                    entry("db.namespace", "_system"), entry("db.operation.name", "cluster.serverId"),
                    entry("server.address", "127.0.0.1"), entry("server.port", port(coordinators.get(0))),
                    entry("operation", "cluster.serverId"), entry("method", "GET"), entry("outcome", "SUCCESS"));
            assertThat(context.getHighCardinalityKeyValues()).isEmpty();
            assertThat(context.getError()).isNull();
            ArangoObservationContext arango = (ArangoObservationContext) context;
            assertThat(arango.getHttpStatus()).isEqualTo(200);
            assertThat(arango.getKind()).isEqualTo(Kind.CLIENT);
        });
    }

    @Test
    void aCallArangoDbRefusesHasTheExceptionsCanonicalNameAndTheErrorNum() {
        Recorder recorder = new Recorder();

        Throwable failure = failure(cluster(registry(recorder), "nope").serverId()); // no such database: 404, 1228

        assertThat(failure).isInstanceOfSatisfying(ArangoServerException.class,
                refused -> assertThat(refused.errorNum()).isEqualTo(1228));
        assertThat(recorder.stopped).singleElement().satisfies(context -> {
            assertThat(context.getContextualName()).isEqualTo("cluster.serverId nope");
            assertThat(keys(context)).containsOnly(entry("db.system.name", "arangodb"),
                    entry("db.namespace", "nope"), entry("db.operation.name", "cluster.serverId"),
                    entry("server.address", "127.0.0.1"), entry("server.port", port(coordinators.get(0))),
                    entry("operation", "cluster.serverId"), entry("method", "GET"),
                    entry("outcome", "ArangoServerException"),
                    entry("error.type", "io.aioarango.api.ArangoServerException"),
                    entry("db.response.status_code", "1228"));
            assertThat(context.getError()).isSameAs(failure);
            assertThat(((ArangoObservationContext) context).getHttpStatus()).isEqualTo(404);
        });
    }

    @Test
    void aCallNoCoordinatorAnsweredNamesItsLastAttemptAndNoStatusCode() {
        Recorder recorder = new Recorder();
        Cluster cluster = cluster(registry(recorder), "_system");
        coordinators.forEach(FakeCoordinator::stop);

        Throwable failure = failure(cluster.serverId());

        assertThat(failure).isInstanceOf(NoHostAvailableException.class);
        assertThat(recorder.stopped).singleElement().satisfies(context -> {
            assertThat(keys(context)).containsEntry("error.type", "io.aioarango.api.NoHostAvailableException")
                    .containsEntry("outcome", "NoHostAvailableException")
                    .containsEntry("server.port", port(coordinators.get(2))) // tried in order: the last
                    .doesNotContainKey("db.response.status_code");
            assertThat(((ArangoObservationContext) context).getHttpStatus()).isZero();
        });
    }

    @Test
    void afterAFailoverTheServerKeysNameTheCoordinatorThatAnswered() {
        Recorder recorder = new Recorder();
        Cluster cluster = cluster(registry(recorder), "_system");
        coordinators.get(0).failWith(503, 503); // answers, but "unavailable": the call moves on

        await(cluster.serverId());

        assertThat(coordinators.get(0).requestCount()).isEqualTo(1);
        assertThat(recorder.stopped).singleElement().satisfies(context -> {
            assertThat(keys(context)).containsEntry("server.address", "127.0.0.1")
                    .containsEntry("server.port", port(coordinators.get(1))).containsEntry("outcome", "SUCCESS")
                    .doesNotContainKeys("error.type", "db.response.status_code");
            assertThat(((ArangoObservationContext) context).getHttpStatus()).isEqualTo(200);
        });
    }

    @Test
    void aUsersConventionNamesTheObservationAndGivesItsKeys() {
        Recorder recorder = new Recorder();
        ArangoObservationConvention mine = new DefaultArangoObservationConvention() {
            @Override
            public String getName() {
                return "payments.arango";
            }

            @Override
            public String getContextualName(ArangoObservationContext context) {
                return "arango " + context.getOperation();
            }

            @Override
            public KeyValues getLowCardinalityKeyValues(ArangoObservationContext context) {
                return super.getLowCardinalityKeyValues(context).and("team", "payments");
            }
        };
        Cluster cluster = cluster("_system",
                builder -> builder.observationRegistry(registry(recorder)).observationConvention(mine));

        await(cluster.serverRole());

        assertThat(recorder.stopped).singleElement().satisfies(context -> {
            assertThat(context.getName()).isEqualTo("payments.arango");
            assertThat(context.getContextualName()).isEqualTo("arango cluster.serverRole");
            assertThat(keys(context)).containsEntry("team", "payments")
                    .containsEntry("db.operation.name", "cluster.serverRole").containsEntry("outcome", "SUCCESS");
        });
    }

    @Test
    void theBuildersConventionGoesBeforeTheRegistrysWhichGoesBeforeTheDefault() {
        Recorder recorder = new Recorder();
        ObservationRegistry registry = registry(recorder);
        registry.observationConfig().observationConvention(new Named("registry.arango"));
        Cluster withRegistrys = cluster(registry, "_system");
        Cluster withBuilders = cluster("_system",
                builder -> builder.observationRegistry(registry).observationConvention(new Named("builder.arango")));

        await(withRegistrys.serverId());
        await(withBuilders.serverId());

        assertThat(recorder.stopped).extracting(Observation.Context::getName)
                .containsExactly("registry.arango", "builder.arango");
        assertThat(recorder.stopped).allSatisfy(context -> assertThat(keys(context)).containsOnlyKeys("only"));
    }

    /** A convention of one key, for the registry or the builder. */
    private record Named(String name) implements ArangoObservationConvention,
            GlobalObservationConvention<ArangoObservationContext> {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public KeyValues getLowCardinalityKeyValues(ArangoObservationContext context) {
            return KeyValues.of("only", context.getOperation());
        }
    }

    @Test
    void theBuilderRefusesANullConventionAndSaysWhatToDoInstead() {
        assertThatThrownBy(() -> ArangoClient.builder().observationConvention(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("convention is null; leave observationConvention(...) out for the default convention");
    }

    @Test
    void withoutAHandlerNoObservationIsMadeAndTheConventionIsNeverAsked() {
        AtomicInteger asked = new AtomicInteger();
        ArangoObservationConvention counting = new DefaultArangoObservationConvention() {
            @Override
            public KeyValues getLowCardinalityKeyValues(ArangoObservationContext context) {
                asked.incrementAndGet();
                return super.getLowCardinalityKeyValues(context);
            }
        };
        Cluster cluster = cluster("_system",
                builder -> builder.observationRegistry(ObservationRegistry.create()).observationConvention(counting));

        await(cluster.serverId());

        assertThat(asked).hasValue(0);
    }

    @Test
    void aHandlerThatThrowsOnStartAndOnStopCostsTheCallNothing() {
        ObservationRegistry registry = registry(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStart(Observation.Context context) {
                throw new IllegalStateException("a handler failing to start");
            }

            @Override
            public void onStop(Observation.Context context) {
                throw new IllegalStateException("a handler failing to stop");
            }
        });
        Cluster cluster = cluster(registry, "_system");

        assertThat(await(cluster.serverId())).isEqualTo(coordinators.get(0).serverId());
        assertThat(await(cluster.serverId())).isEqualTo(coordinators.get(0).serverId());
    }

    @Test
    void aTracerSeesASpanNamedByTheConventionWithItsKeysAsTags() {
        SimpleTracer tracer = new SimpleTracer();
        ObservationRegistry registry = registry(new DefaultTracingObservationHandler(tracer));
        Cluster refused = cluster(registry, "nope");

        Throwable failure = failure(refused.serverId());

        SimpleSpan span = tracer.onlySpan();
        assertThat(span.getName()).isEqualTo("cluster.serverId nope");
        assertThat(span.getTags()).containsOnly(entry("db.system.name", "arangodb"), entry("db.namespace", "nope"),
                entry("db.operation.name", "cluster.serverId"), entry("server.address", "127.0.0.1"),
                entry("server.port", port(coordinators.get(0))), entry("operation", "cluster.serverId"),
                entry("method", "GET"), entry("outcome", "ArangoServerException"),
                entry("error.type", "io.aioarango.api.ArangoServerException"),
                entry("db.response.status_code", "1228"));
        assertThat(span.getError()).isSameAs(failure);
        assertThat(span.getEndTimestamp()).isNotNull();
    }

    @Test
    void aSendersHandlerMakesAClientSpanAndNoTraceHeaderIsSent() {
        SimpleTracer tracer = new SimpleTracer();
        List<String> injected = Collections.synchronizedList(new ArrayList<>());
        Propagator w3c = new Propagator() {
            @Override
            public List<String> fields() {
                return List.of("traceparent");
            }

            @Override
            public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
                injected.add(context.spanId());
                setter.set(carrier, "traceparent", "00-" + context.traceId() + "-" + context.spanId() + "-01");
            }

            @Override
            public <C> Span.Builder extract(C carrier, Getter<C> getter) {
                return tracer.spanBuilder();
            }
        };
        ObservationRegistry registry = registry(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, w3c),
                new DefaultTracingObservationHandler(tracer)));

        await(cluster(registry, "_system").health());

        SimpleSpan span = tracer.onlySpan();
        assertThat(span.getKind()).isEqualTo(Span.Kind.CLIENT);
        assertThat(span.getName()).isEqualTo("cluster.health _system");
        assertThat(span.getTags()).containsEntry("db.operation.name", "cluster.health")
                .containsEntry("server.port", port(coordinators.get(0)));
        assertThat(injected).containsExactly(span.getSpanId()); // offered, and dropped: ArangoDB reads none
        assertThat(coordinators.get(0).requests()).singleElement()
                .satisfies(request -> assertThat(request.header("traceparent")).isNull());
    }

    @Test
    void aCallThatWaitsForItsLoginIsAChildOfTheCallersObservation() {
        SimpleTracer tracer = new SimpleTracer();
        ObservationRegistry registry = registry(new DefaultTracingObservationHandler(tracer));
        WireMockServer coordinator = wireMock();
        String token = "e30.e30.c2lnbmF0dXJl"; // {} . {} . "signature": a token without exp
        coordinator.stubFor(post(urlEqualTo("/_open/auth"))
                .willReturn(aResponse().withStatus(200).withBody("{\"jwt\":\"" + token + "\"}")));
        coordinator.stubFor(get(urlEqualTo("/_db/_system/_admin/server/id"))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"CRDN-1\"}")));
        Cluster cluster = client(ArangoClient.builder().hosts(url(coordinator)).transport(transport())
                .observationRegistry(registry)).db("_system", Credentials.jwt("root", "passwd")).join().cluster();
        Observation work = Observation.start("checkout", registry);

        String id = work.scoped(() -> await(cluster.serverId())); // sent once the login answered
        work.stop();

        assertThat(id).isEqualTo("CRDN-1");

        SimpleSpan checkout = span(tracer, "checkout");
        assertThat(span(tracer, "auth.login " + host(coordinator).hostname() + ":" + coordinator.port()).getParentId())
                .isEqualTo(checkout.getSpanId());
        SimpleSpan serverId = span(tracer, "cluster.serverId _system");
        assertThat(serverId.getParentId()).isEqualTo(checkout.getSpanId());
        assertThat(serverId.getTraceId()).isEqualTo(checkout.getTraceId());
        assertThat(serverId.getTags()).containsEntry("method", HttpMethod.GET.name());
    }

    private static SimpleSpan span(SimpleTracer tracer, String name) {
        return tracer.getSpans().stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " among " + tracer.getSpans()));
    }
}
