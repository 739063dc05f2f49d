package io.aioarango.benchmarks;

import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBAsync;
import com.arangodb.Protocol;
import com.arangodb.entity.LoadBalancingStrategy;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The official driver ({@code com.arangodb:arangodb-java-driver-shaded}) with its defaults but for the hosts,
 * round robin and no host-list discovery, through its async API. {@code ArangoDBAsync.getServerId()} sends
 * {@code GET /_db/_system/_admin/server/id} and reads {@code /id} (driver 7.x: {@code InternalArangoDB}); 7.x has
 * no {@code route(...)} any more.
 */
final class OfficialDriverContender implements Contender {
    /**
     * The driver opens its connections, each with a Vert.x instance of its own, from the Vert.x thread that asks
     * for one, and Vert.x warns each time on java.util.logging; held here so that the setting stays.
     */
    private static final Logger VERTX_LOG = Logger.getLogger("com.arangodb.shaded.vertx.core.impl.VertxImpl");

    static {
        VERTX_LOG.setLevel(Level.SEVERE);
    }

    private final boolean http2;
    private ArangoDB arangoDB;
    private ArangoDBAsync async;

    OfficialDriverContender(boolean http2) {
        this.http2 = http2;
    }

    @Override
    public void start(List<InetSocketAddress> coordinators, int concurrency) {
        ArangoDB.Builder builder = new ArangoDB.Builder();
        for (InetSocketAddress coordinator : coordinators) {
            builder.host(coordinator.getHostString(), coordinator.getPort());
        }
        arangoDB = builder
                .user("root")
                .password("passwd")
                .protocol(http2 ? Protocol.HTTP2_JSON : Protocol.HTTP_JSON)
                .loadBalancingStrategy(LoadBalancingStrategy.ROUND_ROBIN)
                .acquireHostList(false)
                .build();
        async = arangoDB.async();
    }

    @Override
    public CompletableFuture<String> serverId() {
        return async.getServerId();
    }

    @Override
    public void close() {
        if (arangoDB != null) {
            arangoDB.shutdown();
        }
    }
}
