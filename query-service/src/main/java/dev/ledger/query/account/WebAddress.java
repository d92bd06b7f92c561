package dev.ledger.query.account;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Where people reach the web view when ledger.web.base-url does not say: the address the service answered on. */
final class WebAddress {

    private WebAddress() {
    }

    static String of(String localAddress, int port) {
        String host = localAddress;
        try {
            if (InetAddress.getByName(localAddress).isLoopbackAddress()) {
                host = "localhost";
            } else if (localAddress.contains(":")) {
                host = "[" + localAddress + "]";
            }
        } catch (UnknownHostException e) {
            // a literal address always resolves; keep it as it is
        }
        return "http://" + host + ":" + port;
    }
}
