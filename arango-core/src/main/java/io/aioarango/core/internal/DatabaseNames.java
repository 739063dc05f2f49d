package io.aioarango.core.internal;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Checks a database name against ArangoDB's naming rules (the extended rules, the default since 3.12,
 * which also admit every traditional name), so that a name the server would reject fails before any
 * request.
 */
public final class DatabaseNames {
    static final int MAX_BYTES = 128;
    private static final String ACCEPTED = "a database name is 1 to 128 UTF-8 bytes in Unicode NFC form, does not "
            + "start with a digit, an underscore (except _system) or a space, does not end with a space, is not '.' or "
            + "'..', and holds no '/', ':' or control character";

    private DatabaseNames() {
    }

    public static String validate(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid database name '" + name + "': " + problem + "; " + ACCEPTED);
        }
        return name;
    }

    private static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "it is empty";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "it is longer than " + MAX_BYTES + " bytes";
        }
        if (name.equals(".") || name.equals("..")) {
            return "it would name a path segment, not a database";
        }
        char first = name.charAt(0);
        if (Character.isDigit(first)) {
            return "it starts with a digit";
        }
        if (first == '_' && !name.equals("_system")) {
            return "names starting with an underscore are reserved for system databases";
        }
        if (Character.isWhitespace(first) || Character.isWhitespace(name.charAt(name.length() - 1))) {
            return "it starts or ends with a space";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':') {
                return "it contains '" + c + "'";
            }
            if (c < 0x20 || c == 0x7F) {
                return "it contains a control character";
            }
        }
        if (!Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
            return "it is not in Unicode NFC form";
        }
        return null;
    }
}
