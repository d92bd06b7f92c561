package dev.ledger.web.problem;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;

/**
 * Errors Tomcat answers itself, before Spring sees the request (an encoded NUL or a broken %-escape in the
 * path), as problem+json instead of Tomcat's HTML page, so every 4xx of the API has the same shape.
 */
final class ProblemJsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        boolean badRequest = status == 400;
        String detail = badRequest
                ? "The request could not be read: its URL holds an encoded control character (such as %00), a broken"
                        + " %-escape or an invalid path segment. Fix the URL and send it again."
                : "The HTTP server refused the request before the ledger saw it. Check the request line and headers.";
        String errors = badRequest ? "[{\"field\":\"path\",\"reason\":\"not a valid URL path\"}]" : "[]";
        String body = "{\"type\":\"urn:ledger:problem:" + (badRequest ? "validation" : "http") + "\","
                + "\"title\":\"" + (badRequest ? "Bad Request" : "HTTP error " + status) + "\","
                + "\"status\":" + status + ",\"detail\":\"" + detail + "\",\"errors\":" + errors + "}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response can no longer be written: nothing more to do
        }
    }
}
