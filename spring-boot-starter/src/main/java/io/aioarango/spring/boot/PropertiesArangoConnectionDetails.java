package io.aioarango.spring.boot;

import io.aioarango.api.Credentials;
import java.util.ArrayList;
import java.util.List;

/** {@link ArangoConnectionDetails} from the {@code aioarango.*} properties. */
final class PropertiesArangoConnectionDetails implements ArangoConnectionDetails {
    private final ArangoProperties properties;

    PropertiesArangoConnectionDetails(ArangoProperties properties) {
        this.properties = properties;
    }

    @Override
    public List<String> hosts() {
        if (properties.getHosts().isEmpty()) {
            throw new IllegalStateException("aioarango.hosts is not set; set it to the coordinators' URLs, e.g. "
                    + "aioarango.hosts=http://db1:8529,http://db2:8529");
        }
        return properties.getHosts();
    }

    /** At most one kind: a username (basic, or a JWT login), a bearer token or the cluster's JWT secret. */
    @Override
    public Credentials credentials() {
        List<String> kinds = new ArrayList<>();
        if (properties.getUsername() != null) {
            kinds.add("aioarango.username");
        }
        if (properties.getToken() != null) {
            kinds.add("aioarango.token");
        }
        if (properties.getJwtSecret() != null) {
            kinds.add("aioarango.jwt-secret");
        }
        if (kinds.size() > 1) {
            throw new IllegalStateException("Only one kind of credentials can be configured, found " + kinds
                    + "; set aioarango.username (with aioarango.password and, for a JWT login, aioarango.jwt-login"
                    + "=true), aioarango.token or aioarango.jwt-secret");
        }
        if (properties.getUsername() != null) {
            String password = properties.getPassword() == null ? "" : properties.getPassword();
            return properties.isJwtLogin() ? Credentials.jwt(properties.getUsername(), password)
                    : Credentials.basic(properties.getUsername(), password);
        }
        if (properties.getToken() != null) {
            return Credentials.bearer(properties.getToken());
        }
        if (properties.getJwtSecret() != null) {
            return Credentials.jwtSecret(properties.getJwtSecret());
        }
        return null;
    }
}
