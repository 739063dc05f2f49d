package io.aioarango.api;

import java.util.Objects;

/**
 * A user name and password for HTTP basic authentication. {@link #toString()} never shows the password.
 *
 * @param username the user name, not empty
 * @param password the password, possibly empty
 */
public record Credentials(String username, String password) {

    /**
     * Checks the credentials.
     *
     * @param username the user name, not empty
     * @param password the password, possibly empty
     * @throws NullPointerException if {@code username} or {@code password} is {@code null}
     * @throws IllegalArgumentException if {@code username} is empty
     */
    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username must not be empty");
        }
    }

    /**
     * Same as the constructor.
     *
     * @param username the user name, not empty
     * @param password the password, possibly empty
     * @return the credentials
     * @throws NullPointerException if {@code username} or {@code password} is {@code null}
     * @throws IllegalArgumentException if {@code username} is empty
     */
    public static Credentials of(String username, String password) {
        return new Credentials(username, password);
    }

    /**
     * The user name, with the password masked.
     *
     * @return e.g. {@code Credentials[username=root, password=****]}
     */
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=****]";
    }
}
