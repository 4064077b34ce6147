package dev.devskyy.net;

/**
 * One answer: where it came from, its status, its header fields and its body, decoded and cut at
 * the request's bound ({@code truncated} says whether it was).
 *
 * @param address the URL that was requested
 */
public record HttpResponse(WebAddress address, int status, HttpHeaders headers, byte[] body, boolean truncated) {
    public boolean isRedirect() {
        return (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                && headers.first("location").isPresent();
    }
}
