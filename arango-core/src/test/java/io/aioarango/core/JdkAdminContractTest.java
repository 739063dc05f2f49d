package io.aioarango.core;

/** {@link AdminContractTest} over the jdk transport. */
class JdkAdminContractTest extends AdminContractTest {
    @Override
    String transport() {
        return "jdk";
    }
}
