package io.aioarango.examples.readme;

import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.transport.tck.TransportContractTest;

/** The README's sample of a contract test for your own transport; compiled, not run (see the pom). */
class MyTransportContractTest extends TransportContractTest {
    @Override
    protected TransportProvider provider() {
        return new MyTransportProvider();
    }
}
