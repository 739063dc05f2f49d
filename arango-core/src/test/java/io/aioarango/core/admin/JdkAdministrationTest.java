package io.aioarango.core.admin;

/** {@link AdministrationTest} over the jdk transport. */
class JdkAdministrationTest extends AdministrationTest {
    @Override
    protected String transport() {
        return "jdk";
    }
}
