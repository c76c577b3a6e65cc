package dev.strata.bench;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of the server that counts what clients send, for a measure that does not depend on the
 * machine's load: round trips (each simple-protocol Query and each extended-protocol Sync makes the client wait for
 * the server's ReadyForQuery) and statements (each Query and each Execute). It declines SSL and GSS encryption
 * (answers {@code N} itself), so the messages stay readable; everything else passes unchanged in both directions.
 * One instance counts every connection made through it, from its start to {@link #close()}.
 */
final class RoundTripCounter implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket server;
    private final AtomicLong roundTrips = new AtomicLong();
    private final AtomicLong statements = new AtomicLong();

    /** Listens on an ephemeral port of the loopback interface, forwarding to {@code host:port}. */
    RoundTripCounter(String host, int port) throws IOException {
        this.upstreamHost = host;
        this.upstreamPort = port;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "round-trip-counter");
        accept.setDaemon(true);
        accept.start();
    }

    /** The local port clients connect to instead of the server's. */
    int port() {
        return server.getLocalPort();
    }

    /** Round trips since the start or the last {@link #reset()}. */
    long roundTrips() {
        return roundTrips.get();
    }

    /** Statements since the start or the last {@link #reset()}. */
    long statements() {
        return statements.get();
    }

    void reset() {
        roundTrips.set(0);
        statements.set(0);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(upstreamHost, upstreamPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                start(() -> fromClient(client, upstream));
                start(() -> copy(upstream, client));
            } catch (IOException e) {
                // closed, or the server refused: the client sees its connection fail
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "round-trip-counter-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Reads the client's messages, counting them, and passes them on. */
    private void fromClient(Socket client, Socket upstream) {
        try (client; upstream) {
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(client.getInputStream(), 65536));
            OutputStream toServer = new java.io.BufferedOutputStream(upstream.getOutputStream(), 65536);
            // start-up: untyped messages (length, code); refuse encryption so the rest can be read
            while (true) {
                int length = in.readInt();
                byte[] body = new byte[length - 4];
                in.readFully(body);
                int code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
                if (code == SSL_REQUEST || code == GSS_REQUEST) {
                    client.getOutputStream().write('N');
                    client.getOutputStream().flush();
                    continue;
                }
                writeInt(toServer, length);
                toServer.write(body);
                toServer.flush();
                if (code == CANCEL_REQUEST) {
                    return;
                }
                break;
            }
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                int length = in.readInt();
                byte[] body = new byte[length - 4];
                in.readFully(body);
                switch (type) {
                    case 'Q' -> {
                        roundTrips.incrementAndGet();
                        statements.incrementAndGet();
                    }
                    case 'S' -> roundTrips.incrementAndGet();
                    case 'E' -> statements.incrementAndGet();
                    default -> {
                    }
                }
                toServer.write(type);
                writeInt(toServer, length);
                toServer.write(body);
                // pgjdbc and libpq end what they send with Sync, Query, Flush or Terminate: pass it on at once
                if (type == 'S' || type == 'Q' || type == 'H' || type == 'X' || type == 'c' || type == 'f'
                        || type == 'd' || in.available() == 0) {
                    toServer.flush();
                }
            }
        } catch (EOFException e) {
            // the client went away
        } catch (IOException e) {
            // either side closed
        }
    }

    private static void copy(Socket from, Socket to) {
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side closed
        }
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        out.write(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }
}
