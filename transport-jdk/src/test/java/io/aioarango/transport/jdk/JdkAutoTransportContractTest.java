package io.aioarango.transport.jdk;

import io.aioarango.api.HttpProtocol;

/**
 * The jdk transport against the shared transport contract in AUTO mode, which over {@code http://} is
 * HTTP/1.1: java.net.http cannot speak cleartext HTTP/2 with prior knowledge.
 */
class JdkAutoTransportContractTest extends JdkTransportContractTest {

    @Override
    protected HttpProtocol protocol() {
        return HttpProtocol.AUTO;
    }
}
