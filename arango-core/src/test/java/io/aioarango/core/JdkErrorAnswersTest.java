package io.aioarango.core;

/** {@link ErrorAnswersTest} over the jdk transport. */
class JdkErrorAnswersTest extends ErrorAnswersTest {
    @Override
    String transport() {
        return "jdk";
    }
}
