package io.aioarango.spring.boot;

import io.aioarango.api.Credentials;
import java.util.List;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the cluster is and who the application is to it. By default read from the {@code aioarango.*}
 * properties; a bean of this type replaces them, as {@code @AutoConfigureFakeArangoCluster} does in tests.
 */
public interface ArangoConnectionDetails extends ConnectionDetails {
    /**
     * The coordinators' URLs.
     *
     * @return at least one URL, e.g. {@code http://db1:8529}
     */
    List<String> hosts();

    /**
     * How requests to the database authenticate.
     *
     * @return the credentials, or {@code null} when none are configured (then no {@code Database} bean is made)
     */
    Credentials credentials();

    /**
     * The database of the {@code Database} bean, when {@code aioarango.database} does not name one.
     *
     * @return the database's name, or {@code null} for none
     */
    default String database() {
        return null;
    }
}
