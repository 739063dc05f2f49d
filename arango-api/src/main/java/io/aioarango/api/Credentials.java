package io.aioarango.api;

import java.util.Objects;

/**
 * How a database's requests authenticate. {@code toString()} never shows a password, token or secret.
 *
 * <ul>
 * <li>{@link #basic(String, String)}: HTTP basic authentication on every request;</li>
 * <li>{@link #jwt(String, String)}: one login ({@code POST /_open/auth}) for the client and these
 * credentials, then {@code Authorization: bearer <token>}, renewed before the token expires;</li>
 * <li>{@link #bearer(String)}: a token you already hold (a user's, or a superuser's), sent as it is;</li>
 * <li>{@link #jwtSecret(String)}: the cluster's JWT secret, from which a superuser token is made locally,
 * as ArangoDB's own tools do.</li>
 * </ul>
 */
public sealed interface Credentials permits Credentials.Basic, Credentials.Jwt, Credentials.Bearer,
        Credentials.JwtSecret {

    /**
     * HTTP basic authentication.
     *
     * @param username the user name, not empty
     * @param password the password, possibly empty
     * @return the credentials
     * @throws NullPointerException if {@code username} or {@code password} is {@code null}
     * @throws IllegalArgumentException if {@code username} is empty
     */
    static Credentials basic(String username, String password) {
        return new Basic(username, password);
    }

    /**
     * Same as {@link #basic(String, String)}.
     *
     * @param username the user name, not empty
     * @param password the password, possibly empty
     * @return the credentials
     * @throws NullPointerException if {@code username} or {@code password} is {@code null}
     * @throws IllegalArgumentException if {@code username} is empty
     */
    static Credentials of(String username, String password) {
        return basic(username, password);
    }

    /**
     * A login for a JWT, shared by the client's requests with these credentials.
     *
     * @param username the user name, not empty
     * @param password the password, possibly empty
     * @return the credentials
     * @throws NullPointerException if {@code username} or {@code password} is {@code null}
     * @throws IllegalArgumentException if {@code username} is empty
     */
    static Credentials jwt(String username, String password) {
        return new Jwt(username, password);
    }

    /**
     * A token sent as it is ({@code Authorization: bearer <token>}); if it is a JWT whose {@code exp} has
     * passed, requests fail before anything is sent.
     *
     * @param token the token, not blank
     * @return the credentials
     * @throws NullPointerException if {@code token} is {@code null}
     * @throws IllegalArgumentException if {@code token} is blank
     */
    static Credentials bearer(String token) {
        return new Bearer(token);
    }

    /**
     * The cluster's JWT secret ({@code --server.jwt-secret}): the client signs its own superuser tokens
     * with it (HS256, {@code iss: arangodb}), renewed before they expire.
     *
     * @param secret the secret, not empty
     * @return the credentials
     * @throws NullPointerException if {@code secret} is {@code null}
     * @throws IllegalArgumentException if {@code secret} is empty
     */
    static Credentials jwtSecret(String secret) {
        return new JwtSecret(secret);
    }

    private static String notEmpty(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }

    /**
     * HTTP basic authentication.
     *
     * @param username the user name, not empty
     * @param password the password, possibly empty
     */
    record Basic(String username, String password) implements Credentials {
        /**
         * Checks the credentials.
         *
         * @param username the user name, not empty
         * @param password the password, possibly empty
         */
        public Basic {
            notEmpty("username", username);
            Objects.requireNonNull(password, "password");
        }

        /**
         * The user name, with the password masked.
         *
         * @return e.g. {@code Credentials.basic[username=root, password=****]}
         */
        @Override
        public String toString() {
            return "Credentials.basic[username=" + username + ", password=****]";
        }
    }

    /**
     * A JWT login.
     *
     * @param username the user name, not empty
     * @param password the password, possibly empty
     */
    record Jwt(String username, String password) implements Credentials {
        /**
         * Checks the credentials.
         *
         * @param username the user name, not empty
         * @param password the password, possibly empty
         */
        public Jwt {
            notEmpty("username", username);
            Objects.requireNonNull(password, "password");
        }

        /**
         * The user name, with the password masked.
         *
         * @return e.g. {@code Credentials.jwt[username=root, password=****]}
         */
        @Override
        public String toString() {
            return "Credentials.jwt[username=" + username + ", password=****]";
        }
    }

    /**
     * A token sent as it is.
     *
     * @param token the token, not blank
     */
    record Bearer(String token) implements Credentials {
        /**
         * Checks the token.
         *
         * @param token the token, not blank
         */
        public Bearer {
            Objects.requireNonNull(token, "token");
            if (token.isBlank()) {
                throw new IllegalArgumentException("token must not be blank");
            }
        }

        /**
         * Masked.
         *
         * @return {@code Credentials.bearer[token=****]}
         */
        @Override
        public String toString() {
            return "Credentials.bearer[token=****]";
        }
    }

    /**
     * The cluster's JWT secret.
     *
     * @param secret the secret, not empty
     */
    record JwtSecret(String secret) implements Credentials {
        /**
         * Checks the secret.
         *
         * @param secret the secret, not empty
         */
        public JwtSecret {
            notEmpty("secret", secret);
        }

        /**
         * Masked.
         *
         * @return {@code Credentials.jwtSecret[secret=****]}
         */
        @Override
        public String toString() {
            return "Credentials.jwtSecret[secret=****]";
        }
    }
}
