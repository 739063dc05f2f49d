package io.aioarango.api;

import java.util.Objects;

/**
 * A user name and password for HTTP basic authentication. {@link #toString()} never shows the password.
 */
public record Credentials(String username, String password) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username must not be empty");
        }
    }

    public static Credentials of(String username, String password) {
        return new Credentials(username, password);
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=****]";
    }
}
