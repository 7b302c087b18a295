package io.tradecoord.coordination.lock;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a real server, for network faults that the server itself cannot show: a
 * reply held back (the request reached the server and took effect, its reply comes late), or a silent partition
 * (nothing passes either way, no connection is closed). The server stays up for every other client.
 */
final class FaultyProxy implements AutoCloseable {

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile long replyDelayMillis;
    private volatile String delayedCommand;
    private volatile boolean partitioned;

    FaultyProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("proxy-accept", this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /**
     * From now on, the reply to a request that names {@code command} (e.g. {@code EVALSHA}; other requests, such as
     * a connection pool's PING, pass as usual) is passed on only after {@code delay}; {@code null}: no delay.
     */
    void delayRepliesTo(String command, Duration delay) {
        replyDelayMillis = delay.toMillis();
        delayedCommand = command == null ? null : command.toUpperCase(java.util.Locale.ROOT);
    }

    /** While {@code partitioned}, every byte either way is dropped and connections stay open, as in a silent partition. */
    void partition(boolean partitioned) {
        this.partitioned = partitioned;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstreamHost, upstreamPort);
                sockets.add(client);
                sockets.add(server);
                java.util.concurrent.atomic.AtomicBoolean delayNextReply = new java.util.concurrent.atomic.AtomicBoolean();
                daemon("proxy-requests", () -> pump(client, server, delayNextReply, false));
                daemon("proxy-replies", () -> pump(server, client, delayNextReply, true));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, java.util.concurrent.atomic.AtomicBoolean delayNextReply, boolean replies) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (partitioned) {
                    continue;
                }
                String command = delayedCommand;
                if (!replies && command != null
                        && new String(buffer, 0, read, java.nio.charset.StandardCharsets.ISO_8859_1).toUpperCase(java.util.Locale.ROOT).contains(command)) {
                    delayNextReply.set(true);
                }
                if (replies && delayNextReply.getAndSet(false)) {
                    Thread.sleep(replyDelayMillis);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed: close the other below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(FaultyProxy::closeQuietly);
    }
}
