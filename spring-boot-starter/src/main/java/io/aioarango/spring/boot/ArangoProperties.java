package io.aioarango.spring.boot;

import io.aioarango.api.HttpProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code aioarango.*} properties: where the coordinators are, how to reach and authenticate with them.
 * Anything else the client builder offers is one {@link ArangoClientBuilderCustomizer} away.
 */
@ConfigurationProperties(prefix = "aioarango")
public class ArangoProperties {
    /** Every property unset: its default. */
    public ArangoProperties() {
    }

    /** The coordinators' URLs, e.g. http://db1:8529,http://db2:8529 (a list or one comma-separated string). */
    private List<String> hosts = new ArrayList<>();
    /** How requests are spread over the coordinators: leastloaded (the default), roundrobin or random. */
    private String hostResolver;
    /** The transport: jdk or netty; by default the highest-priority one on the class path. */
    private String transport;
    /** HTTP version: http1, h2 or auto; by default the transport's own. */
    private HttpProtocol protocol;
    /** The database of the Database bean; without it no Database bean is made. */
    private String database;
    /** User for basic authentication, or for a JWT login when jwt-login is true. */
    private String username;
    /** The user's password; may be empty. */
    private String password = "";
    /** Whether the username and password log in for a JWT that every request then carries. */
    private boolean jwtLogin;
    /** A bearer token (a JWT) every request carries, instead of a username. */
    private String token;
    /** The cluster's JWT secret, from which the client signs superuser tokens, instead of a username. */
    private String jwtSecret;
    /** How long a connection may take to open; by default 3 s. */
    private Duration connectTimeout;
    /** How long one attempt of a request may take; by default 60 s. */
    private Duration requestTimeout;
    /** Whether db(...) checks the credentials with one request when the Database bean is made. */
    private boolean verifyConnection;
    /** How long the calls in flight may take to end when the application context closes. */
    private Duration shutdownGracePeriod = Duration.ofSeconds(10);
    private final Ssl ssl = new Ssl();
    private final Discovery discovery = new Discovery();

    /** TLS, from one of Boot's SSL bundles (spring.ssl.bundle.*). */
    public static class Ssl {
        /** The defaults: no bundle, host names verified. */
        public Ssl() {
        }

        /** The SSL bundle whose trust (and key) material the connections use; without it, the JDK's defaults. */
        private String bundle;
        /** Whether a coordinator's certificate must name its host. */
        private boolean verifyHostnames = true;

        /** @return {@code aioarango.ssl.bundle} */
        public String getBundle() {
            return bundle;
        }

        /** @param bundle {@code aioarango.ssl.bundle} */
        public void setBundle(String bundle) {
            this.bundle = bundle;
        }

        /** @return {@code aioarango.ssl.verify-hostnames} */
        public boolean isVerifyHostnames() {
            return verifyHostnames;
        }

        /** @param verifyHostnames {@code aioarango.ssl.verify-hostnames} */
        public void setVerifyHostnames(boolean verifyHostnames) {
            this.verifyHostnames = verifyHostnames;
        }
    }

    /** Endpoint discovery: the coordinators the cluster lists join those given. */
    public static class Discovery {
        /** The default: no discovery. */
        public Discovery() {
        }

        /** How often to ask the cluster for its coordinators (with the configured credentials); unset: never. */
        private Duration interval;

        /** @return {@code aioarango.discovery.interval} */
        public Duration getInterval() {
            return interval;
        }

        /** @param interval {@code aioarango.discovery.interval} */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** @return {@code aioarango.hosts} */
    public List<String> getHosts() {
        return hosts;
    }

    /** @param hosts {@code aioarango.hosts} */
    public void setHosts(List<String> hosts) {
        this.hosts = hosts;
    }

    /** @return {@code aioarango.host-resolver} */
    public String getHostResolver() {
        return hostResolver;
    }

    /** @param hostResolver {@code aioarango.host-resolver} */
    public void setHostResolver(String hostResolver) {
        this.hostResolver = hostResolver;
    }

    /** @return {@code aioarango.transport} */
    public String getTransport() {
        return transport;
    }

    /** @param transport {@code aioarango.transport} */
    public void setTransport(String transport) {
        this.transport = transport;
    }

    /** @return {@code aioarango.protocol} */
    public HttpProtocol getProtocol() {
        return protocol;
    }

    /** @param protocol {@code aioarango.protocol} */
    public void setProtocol(HttpProtocol protocol) {
        this.protocol = protocol;
    }

    /** @return {@code aioarango.database} */
    public String getDatabase() {
        return database;
    }

    /** @param database {@code aioarango.database} */
    public void setDatabase(String database) {
        this.database = database;
    }

    /** @return {@code aioarango.username} */
    public String getUsername() {
        return username;
    }

    /** @param username {@code aioarango.username} */
    public void setUsername(String username) {
        this.username = username;
    }

    /** @return {@code aioarango.password} */
    public String getPassword() {
        return password;
    }

    /** @param password {@code aioarango.password} */
    public void setPassword(String password) {
        this.password = password;
    }

    /** @return {@code aioarango.jwt-login} */
    public boolean isJwtLogin() {
        return jwtLogin;
    }

    /** @param jwtLogin {@code aioarango.jwt-login} */
    public void setJwtLogin(boolean jwtLogin) {
        this.jwtLogin = jwtLogin;
    }

    /** @return {@code aioarango.token} */
    public String getToken() {
        return token;
    }

    /** @param token {@code aioarango.token} */
    public void setToken(String token) {
        this.token = token;
    }

    /** @return {@code aioarango.jwt-secret} */
    public String getJwtSecret() {
        return jwtSecret;
    }

    /** @param jwtSecret {@code aioarango.jwt-secret} */
    public void setJwtSecret(String jwtSecret) {
        this.jwtSecret = jwtSecret;
    }

    /** @return {@code aioarango.connect-timeout} */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /** @param connectTimeout {@code aioarango.connect-timeout} */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** @return {@code aioarango.request-timeout} */
    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    /** @param requestTimeout {@code aioarango.request-timeout} */
    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    /** @return {@code aioarango.verify-connection} */
    public boolean isVerifyConnection() {
        return verifyConnection;
    }

    /** @param verifyConnection {@code aioarango.verify-connection} */
    public void setVerifyConnection(boolean verifyConnection) {
        this.verifyConnection = verifyConnection;
    }

    /** @return {@code aioarango.shutdown-grace-period} */
    public Duration getShutdownGracePeriod() {
        return shutdownGracePeriod;
    }

    /** @param shutdownGracePeriod {@code aioarango.shutdown-grace-period} */
    public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
        this.shutdownGracePeriod = shutdownGracePeriod;
    }

    /** @return the {@code aioarango.ssl.*} properties */
    public Ssl getSsl() {
        return ssl;
    }

    /** @return the {@code aioarango.discovery.*} properties */
    public Discovery getDiscovery() {
        return discovery;
    }
}
