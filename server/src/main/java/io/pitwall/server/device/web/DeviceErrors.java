package io.pitwall.server.device.web;

import io.pitwall.server.shared.web.Problems;

/** Turns a parse failure of a device payload into a short reason without internal names. */
final class DeviceErrors {

    private DeviceErrors() {}

    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof IllegalArgumentException) {
                break;
            }
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "unreadable payload" : t.getMessage();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        message = Problems.withoutClassNames(message);
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
