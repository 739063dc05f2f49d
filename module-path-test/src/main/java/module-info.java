/**
 * An application of the SDK, as a user would write it: it requires the client, and the testkit to start
 * a cluster of its own. The transports are not named here: they are on the module path and the client
 * finds them as services.
 */
module io.aioarango.modulepath {
    requires io.aioarango.core;
    requires io.aioarango.testkit;
}
