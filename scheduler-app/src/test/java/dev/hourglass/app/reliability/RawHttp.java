package dev.hourglass.app.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written byte by byte to a loopback port: what a hostile client sends, unhindered by a
 * client library that would refuse a bad path or a line break in a header.
 */
final class RawHttp {

    /** The status (0 when the server closed without answering) and the body. */
    record Answer(int status, String body) {
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** Sends {@code head} (request line and headers, without the blank line) and {@code body}. */
    Answer send(String head, byte[] body) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(head.getBytes(StandardCharsets.ISO_8859_1));
        request.write(("\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        request.write(body);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (SocketException closedEarly) {
                // The server may answer and close before a refused body is fully sent.
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // A reset after the answer still leaves the answer.
        }
        return all.toByteArray();
    }

    private static Answer parse(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
            return new Answer(0, text);
        }
        int bodyAt = text.indexOf("\r\n\r\n");
        return new Answer(Integer.parseInt(text.substring(9, 12)), bodyAt < 0 ? "" : text.substring(bodyAt + 4));
    }
}
