package io.aioarango.api;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How every transport speaks TLS to {@code https://} coordinators: whom to trust, which certificate to
 * show (mutual TLS), and whether host names are verified. One {@link SSLContext} serves both transports;
 * turning host-name verification off is done in its trust managers, so that it works alike on
 * {@code java.net.http} (which has no per-client switch) and on Netty.
 *
 * <p>By default: the JDK's trust store, no client certificate, host names verified.
 */
public final class TlsSettings {
    private static final TlsSettings DEFAULTS = new TlsSettings(null, null, null, true, false);

    private final SSLContext sslContext;
    private final KeyStore trustStore;
    private final KeyStore keyStore;
    private final char[] keyPassword;
    private final boolean verifyHostnames;
    private final boolean trustAll;
    private final SSLContext built;

    private TlsSettings(SSLContext sslContext, KeyStore trustStore, ClientKey clientKey, boolean verifyHostnames,
            boolean trustAll) {
        this.sslContext = sslContext;
        this.trustStore = trustStore;
        this.keyStore = clientKey == null ? null : clientKey.store;
        this.keyPassword = clientKey == null ? null : clientKey.password.clone();
        this.verifyHostnames = verifyHostnames;
        this.trustAll = trustAll;
        this.built = isDefault() ? null : build();
    }

    private record ClientKey(KeyStore store, char[] password) {
    }

    /**
     * The defaults: the JDK's trust store, host names verified.
     *
     * @return the shared default settings
     */
    public static TlsSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Starts settings from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether these are the defaults, for which a transport may use its own default context.
     *
     * @return {@code true} when nothing was set
     */
    public boolean isDefault() {
        return sslContext == null && trustStore == null && keyStore == null && verifyHostnames && !trustAll;
    }

    /**
     * The context every TLS connection uses: the one given, or one built from the trust store, the client
     * certificate and the host-name setting.
     *
     * @return the context; {@code null} for {@link #isDefault() the defaults}
     */
    public SSLContext sslContext() {
        return built;
    }

    /**
     * Whether the certificate must name the host connected to. When {@code false}, the trust managers of
     * {@link #sslContext()} skip that check, and a transport must not add it back.
     *
     * @return {@code true} unless turned off
     */
    public boolean verifyHostnames() {
        return verifyHostnames && !trustAll;
    }

    /**
     * Whether every certificate is accepted ({@link Builder#insecureTrustAll()}): for tests only.
     *
     * @return {@code true} when set
     */
    public boolean trustsAll() {
        return trustAll;
    }

    /**
     * Logs, at WARNING, that certificates are not checked, if {@link #trustsAll()}: each transport does
     * when it is made, so every client with such settings says so once.
     *
     * @param logger the transport's logger
     */
    public void warnIfTrustingAll(System.Logger logger) {
        if (trustAll) {
            logger.log(System.Logger.Level.WARNING, "TLS certificates are not checked (insecureTrustAll): anyone "
                    + "between this client and its coordinators can read and change its requests. For tests only.");
        }
    }

    private SSLContext build() {
        try {
            SSLContext context = sslContext;
            if (context == null) {
                KeyManager[] keys = null;
                if (keyStore != null) {
                    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    factory.init(keyStore, keyPassword);
                    keys = factory.getKeyManagers();
                }
                TrustManager[] trust = trustAll ? new TrustManager[] {new TrustingAll()} : trustManagers(trustStore);
                context = SSLContext.getInstance("TLS");
                context.init(keys, trust, null);
            } else if (!verifyHostnames || trustAll) {
                throw new IllegalArgumentException("verifyHostnames(false) and insecureTrustAll() apply to the "
                        + "context the settings build; with an SSLContext of yours, set them in its trust managers");
            }
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot set up TLS from these settings: " + e.getMessage(), e);
        } finally {
            if (keyPassword != null) {
                Arrays.fill(keyPassword, '\0');
            }
        }
    }

    private TrustManager[] trustManagers(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store); // null: the JDK's own trust store
        TrustManager[] managers = factory.getTrustManagers();
        if (verifyHostnames) {
            return managers;
        }
        for (int i = 0; i < managers.length; i++) {
            if (managers[i] instanceof X509TrustManager x509) {
                managers[i] = new ChainOnly(x509);
            }
        }
        return managers;
    }

    /** Checks the certificate chain, not the host name (the host-name check needs the engine, left out). */
    private static final class ChainOnly extends X509ExtendedTrustManager {
        private final X509TrustManager chain;

        ChainOnly(X509TrustManager chain) {
            this.chain = chain;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            chain.checkClientTrusted(certificates, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            chain.checkServerTrusted(certificates, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket)
                throws CertificateException {
            chain.checkClientTrusted(certificates, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket)
                throws CertificateException {
            chain.checkServerTrusted(certificates, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
                throws CertificateException {
            chain.checkClientTrusted(certificates, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
                throws CertificateException {
            chain.checkServerTrusted(certificates, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return chain.getAcceptedIssuers();
        }
    }

    /** Accepts every certificate: {@link Builder#insecureTrustAll()}. */
    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /**
     * Shows what is set, never a password.
     *
     * @return e.g. {@code TlsSettings[trustStore=yes, clientCertificate=no, verifyHostnames=true]}
     */
    @Override
    public String toString() {
        return "TlsSettings[sslContext=" + (sslContext == null ? "built" : "given") + ", trustStore="
                + (trustStore == null ? "JDK" : "given") + ", clientCertificate=" + (keyStore == null ? "no" : "yes")
                + ", verifyHostnames=" + verifyHostnames() + ", trustAll=" + trustAll + "]";
    }

    /** Builds {@link TlsSettings}. Not thread-safe. */
    public static final class Builder {
        private SSLContext sslContext;
        private KeyStore trustStore;
        private ClientKey clientKey;
        private boolean verifyHostnames = true;
        private boolean trustAll;

        private Builder() {
        }

        /**
         * Your own context, used as it is (trust, keys and all); the other settings of this builder
         * except {@link #verifyHostnames(boolean) verifyHostnames(true)} then do not apply.
         *
         * @param context an initialised client context
         * @return this builder
         * @throws NullPointerException if {@code context} is {@code null}
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "sslContext");
            return this;
        }

        /**
         * The certificates to trust instead of the JDK's trust store, e.g. your cluster's CA.
         *
         * @param store a loaded key store holding trusted certificates
         * @return this builder
         * @throws NullPointerException if {@code store} is {@code null}
         */
        public Builder trustStore(KeyStore store) {
            this.trustStore = Objects.requireNonNull(store, "trustStore");
            return this;
        }

        /**
         * The certificate and private key to show the server (mutual TLS).
         *
         * @param store    a loaded key store holding the client's key and certificate chain
         * @param password the key's password; copied (clear yours when you like), and the settings' own copy
         *                 cleared once their context is built
         * @return this builder
         * @throws NullPointerException if {@code store} or {@code password} is {@code null}
         */
        public Builder clientCertificate(KeyStore store, char[] password) {
            this.clientKey = new ClientKey(Objects.requireNonNull(store, "store"),
                    Objects.requireNonNull(password, "password").clone());
            return this;
        }

        /**
         * Whether the server's certificate must name the host connected to; default {@code true}. Turn it
         * off only where the certificates name something else than the addresses you connect to.
         *
         * @param verify {@code false} to check the certificate chain only
         * @return this builder
         */
        public Builder verifyHostnames(boolean verify) {
            this.verifyHostnames = verify;
            return this;
        }

        /**
         * Accepts every certificate, checking nothing: for tests against self-signed servers only. A
         * client with this setting logs a WARNING when it is built.
         *
         * @return this builder
         */
        public Builder insecureTrustAll() {
            this.trustAll = true;
            return this;
        }

        /**
         * Builds the settings, and the context they describe.
         *
         * @return the settings
         * @throws IllegalArgumentException if the key or trust store cannot be used, naming why, or if
         *                                  host-name settings are combined with an {@code SSLContext} given
         */
        public TlsSettings build() {
            return new TlsSettings(sslContext, trustStore, clientKey, verifyHostnames, trustAll);
        }
    }
}
