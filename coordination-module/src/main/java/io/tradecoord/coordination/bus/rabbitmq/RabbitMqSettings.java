package io.tradecoord.coordination.bus.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * How to reach RabbitMQ and how the bus lays out its topology there.
 *
 * @param uri                  {@value #URI_KEY}, e.g. {@code amqp://user:secret@127.0.0.1:5672/%2F}
 *                             ({@code amqps://} for TLS, verified against the JVM's default trust store)
 * @param exchange             {@value #EXCHANGE_KEY}: the topic exchange events are published to; dead letters
 *                             go to {@code <exchange>.dead}
 * @param partitions           {@value #PARTITIONS_KEY}: queues per module and topic; an event goes to partition
 *                             {@code hash(key) mod partitions}. Every instance must use the same value, and
 *                             changing it moves keys to other queues: drain the queues first.
 * @param prefetch             {@value #PREFETCH_KEY}: unacknowledged deliveries per partition queue and consumer
 * @param queueType            {@value #QUEUE_TYPE_KEY}: {@code quorum} (replicated, the default) or {@code classic};
 *                             fixed once a queue exists (RabbitMQ refuses to redeclare it with another type)
 * @param confirmTimeoutMillis {@value #CONFIRM_TIMEOUT_KEY}: how long a publish waits for the broker's confirm
 *                             before its future fails
 */
public record RabbitMqSettings(URI uri, String exchange, int partitions, int prefetch, QueueType queueType,
        long confirmTimeoutMillis) {

    public static final String URI_KEY = "coordination.rabbitmq.uri";
    public static final String EXCHANGE_KEY = "coordination.rabbitmq.exchange";
    public static final String PARTITIONS_KEY = "coordination.rabbitmq.partitions";
    public static final String PREFETCH_KEY = "coordination.rabbitmq.prefetch";
    public static final String QUEUE_TYPE_KEY = "coordination.rabbitmq.queue-type";
    public static final String CONFIRM_TIMEOUT_KEY = "coordination.rabbitmq.confirm-timeout-ms";

    public static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672/%2F";
    public static final String DEFAULT_EXCHANGE = "coordination.events";
    public static final int DEFAULT_PARTITIONS = 4;
    public static final int DEFAULT_PREFETCH = 50;
    public static final String DEFAULT_QUEUE_TYPE = "quorum";
    public static final long DEFAULT_CONFIRM_TIMEOUT_MILLIS = 10_000;

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int RPC_TIMEOUT_MILLIS = 15_000;
    static final int RECOVERY_INTERVAL_MILLIS = 2_000;
    static final int HEARTBEAT_SECONDS = 15;

    /** AMQP names are short strings; the dead exchange appends {@code .dead}. */
    private static final int MAX_EXCHANGE_LENGTH = 250;

    public enum QueueType {
        QUORUM, CLASSIC;

        /** The value of the {@code x-queue-type} queue argument. */
        public String argument() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reads {@value #QUEUE_TYPE_KEY}. */
        public static QueueType parse(String value) {
            if (value != null) {
                for (QueueType type : values()) {
                    if (type.argument().equalsIgnoreCase(value.strip())) {
                        return type;
                    }
                }
            }
            throw new InvalidConfigurationException(QUEUE_TYPE_KEY, value, "expected quorum or classic");
        }
    }

    public RabbitMqSettings {
        if (uri == null || !("amqp".equals(uri.getScheme()) || "amqps".equals(uri.getScheme()))
                || uri.getHost() == null) {
            throw new InvalidConfigurationException(URI_KEY, masked(uri), "expected amqp[s]://[user:password@]host[:port][/vhost]");
        }
        String path = uri.getRawPath();
        if (path != null && path.length() > 1 && path.indexOf('/', 1) >= 0) {
            throw new InvalidConfigurationException(URI_KEY, masked(uri), "the path is the virtual host, one segment (%2F for /)");
        }
        if (exchange == null || exchange.isBlank() || exchange.length() > MAX_EXCHANGE_LENGTH) {
            throw new InvalidConfigurationException(EXCHANGE_KEY, exchange, "must be 1.." + MAX_EXCHANGE_LENGTH + " characters");
        }
        if (exchange.startsWith("amq.")) {
            throw new InvalidConfigurationException(EXCHANGE_KEY, exchange, "names starting with amq. are reserved by RabbitMQ");
        }
        if (partitions < 1 || partitions > 1000) {
            throw new InvalidConfigurationException(PARTITIONS_KEY, String.valueOf(partitions), "must be 1..1000");
        }
        if (prefetch < 1 || prefetch > 65_535) {
            // AMQP's prefetch-count is an unsigned short; 0 would mean unlimited, which we do not want
            throw new InvalidConfigurationException(PREFETCH_KEY, String.valueOf(prefetch), "must be 1..65535");
        }
        if (queueType == null) {
            throw new InvalidConfigurationException(QUEUE_TYPE_KEY, null, "expected quorum or classic");
        }
        if (confirmTimeoutMillis <= 0) {
            throw new InvalidConfigurationException(CONFIRM_TIMEOUT_KEY, String.valueOf(confirmTimeoutMillis), "must be positive");
        }
    }

    /** All defaults. */
    public static RabbitMqSettings defaults() {
        return new RabbitMqSettings(URI.create(DEFAULT_URI), DEFAULT_EXCHANGE, DEFAULT_PARTITIONS, DEFAULT_PREFETCH,
                QueueType.parse(DEFAULT_QUEUE_TYPE), DEFAULT_CONFIRM_TIMEOUT_MILLIS);
    }

    /** Reads {@value #URI_KEY}; a malformed value fails naming the key, without echoing a password. */
    public static URI parseUri(String value) {
        try {
            return new URI(value);
        } catch (Exception e) {
            throw new InvalidConfigurationException(URI_KEY, value == null ? null : "(not shown: malformed)",
                    "not a URI: expected amqp[s]://[user:password@]host[:port][/vhost]");
        }
    }

    /**
     * A connection factory with automatic connection and topology recovery. Timeouts are short on purpose: a
     * publish must fail fast while the broker is away (the outbox keeps the event), not hang.
     */
    ConnectionFactory connectionFactory() {
        var factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
            if ("amqps".equals(uri.getScheme())) {
                // setUri trusts EVERY certificate for amqps; verify against the JVM's trust store instead
                factory.useSslProtocol(SSLContext.getDefault());
                factory.enableHostnameVerification();
            }
        } catch (NoSuchAlgorithmException e) {
            throw new InvalidConfigurationException(URI_KEY, masked(uri), "TLS is not available in this JVM: " + e.getMessage());
        } catch (Exception e) {
            throw new InvalidConfigurationException(URI_KEY, masked(uri), withoutPassword(String.valueOf(e.getMessage())));
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(RECOVERY_INTERVAL_MILLIS);
        factory.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        factory.setHandshakeTimeout(CONNECT_TIMEOUT_MILLIS);
        factory.setChannelRpcTimeout(RPC_TIMEOUT_MILLIS);
        factory.setRequestedHeartbeat(HEARTBEAT_SECONDS);
        return factory;
    }

    /** The dead-letter exchange. */
    public String deadExchange() {
        return exchange + ".dead";
    }

    /** The URI without credentials, for messages and logs. */
    public String uriForDisplay() {
        int port = uri.getPort() != -1 ? uri.getPort() : "amqps".equals(uri.getScheme()) ? 5671 : 5672;
        String vhost = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + ":" + port + vhost;
    }

    @Override
    public String toString() {
        return "RabbitMqSettings[uri=" + masked(uri) + ", exchange=" + exchange + ", partitions=" + partitions
                + ", prefetch=" + prefetch + ", queueType=" + queueType.argument() + ", confirmTimeoutMillis="
                + confirmTimeoutMillis + "]";
    }

    /** The URI with its password replaced, so that neither exceptions nor {@code toString} leak it. */
    static String masked(URI uri) {
        if (uri == null) {
            return null;
        }
        String text = uri.toString();
        String authority = uri.getRawAuthority();
        if (authority == null || authority.indexOf('@') < 0) {
            return text.indexOf('@') < 0 ? text : "(not shown: it may contain a password)";
        }
        String userInfo = authority.substring(0, authority.lastIndexOf('@'));
        int colon = userInfo.indexOf(':');
        return colon < 0 ? text : text.replace(userInfo + "@", userInfo.substring(0, colon) + ":***@");
    }

    /** An error text with any occurrence of the URI's password replaced. */
    private String withoutPassword(String text) {
        String userInfo = uri.getUserInfo();
        int colon = userInfo == null ? -1 : userInfo.indexOf(':');
        String result = text.replace(uri.toString(), masked(uri));
        if (colon >= 0 && colon < userInfo.length() - 1) {
            result = result.replace(userInfo.substring(colon + 1), "***")
                    .replace(uri.getRawUserInfo().substring(uri.getRawUserInfo().indexOf(':') + 1), "***");
        }
        return result;
    }
}
