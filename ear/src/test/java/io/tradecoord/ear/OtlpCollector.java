package io.tradecoord.ear;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * An OpenTelemetry collector for the tests: receives OTLP over HTTP (protobuf, {@code /v1/traces},
 * {@code /v1/metrics}) on {@code 127.0.0.1:<otlp.collector.port>} for as long as a Failsafe execution runs that sets
 * that system property, so the server under test exports to it from its first span on, and keeps what arrived for the
 * tests to read. Logs are accepted and dropped.
 */
public final class OtlpCollector implements LauncherSessionListener {

    /** One received span; ids in lower-case hex, an empty parent for a root span. */
    public record Span(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
            Map<String, String> attributes) {
    }

    /** One received data point: a gauge or sum's value, a histogram's count. */
    public record Point(String service, String metric, Map<String, String> attributes, double value) {
    }

    private static final List<Span> SPANS = new CopyOnWriteArrayList<>();
    private static final List<Point> POINTS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** The spans received so far, in arrival order. */
    public static List<Span> spans() {
        return List.copyOf(SPANS);
    }

    /** The data points received so far, in arrival order (an exporter sends every metric again each interval). */
    public static List<Point> points() {
        return List.copyOf(POINTS);
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String port = System.getProperty("otlp.collector.port");
        if (port == null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 50);
        } catch (IOException e) {
            throw new IllegalStateException("the test OTLP collector cannot listen on 127.0.0.1:" + port, e);
        }
        server.createContext("/v1/traces", exchange -> answer(exchange, () -> {
            traces(ExportTraceServiceRequest.parseFrom(body(exchange)));
            return ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        }));
        server.createContext("/v1/metrics", exchange -> answer(exchange, () -> {
            metrics(ExportMetricsServiceRequest.parseFrom(body(exchange)));
            return ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
        }));
        server.createContext("/v1/logs", exchange -> answer(exchange, () -> {
            body(exchange).readAllBytes();
            return new byte[0];
        }));
        server.start();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (server != null) {
            server.stop(0);
        }
    }

    private interface Handling {
        byte[] handle() throws IOException;
    }

    private static void answer(HttpExchange exchange, Handling handling) throws IOException {
        try (exchange) {
            byte[] response;
            try {
                response = handling.handle();
            } catch (IOException | RuntimeException e) {
                System.err.println("OtlpCollector: unreadable export to " + exchange.getRequestURI() + ": " + e);
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
            if (response.length > 0) {
                exchange.getResponseBody().write(response);
            }
        }
    }

    private static InputStream body(HttpExchange exchange) throws IOException {
        InputStream body = exchange.getRequestBody();
        return "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding")) ? new GZIPInputStream(body) : body;
    }

    private static void traces(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = attributes(resource.getResource().getAttributesList()).get("service.name");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                    SPANS.add(new Span(service, hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
                            hex(span.getParentSpanId().toByteArray()), span.getName(),
                            span.getKind().name().replace("SPAN_KIND_", ""), attributes(span.getAttributesList())));
                }
            }
        }
    }

    private static void metrics(ExportMetricsServiceRequest request) {
        for (ResourceMetrics resource : request.getResourceMetricsList()) {
            String service = attributes(resource.getResource().getAttributesList()).get("service.name");
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                for (Metric metric : scope.getMetricsList()) {
                    switch (metric.getDataCase()) {
                        case GAUGE -> metric.getGauge().getDataPointsList().forEach(p -> POINTS.add(point(service, metric, p)));
                        case SUM -> metric.getSum().getDataPointsList().forEach(p -> POINTS.add(point(service, metric, p)));
                        case HISTOGRAM -> metric.getHistogram().getDataPointsList().forEach(p -> POINTS.add(
                                new Point(service, metric.getName(), attributes(p.getAttributesList()), p.getCount())));
                        default -> {
                        }
                    }
                }
            }
        }
    }

    private static Point point(String service, Metric metric, NumberDataPoint point) {
        double value = point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : point.getAsDouble();
        return new Point(service, metric.getName(), attributes(point.getAttributesList()), value);
    }

    private static Map<String, String> attributes(List<KeyValue> keyValues) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (KeyValue keyValue : keyValues) {
            AnyValue value = keyValue.getValue();
            attributes.put(keyValue.getKey(), switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue();
                case INT_VALUE -> Long.toString(value.getIntValue());
                case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
                case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
                default -> value.toString();
            });
        }
        return attributes;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Spans of one trace, for a failure message. */
    public static List<String> describe(String traceId) {
        List<String> lines = new ArrayList<>();
        for (Span span : SPANS) {
            if (span.traceId().equals(traceId)) {
                lines.add(span.kind() + " " + span.name() + " " + span.spanId() + " <- " + span.parentSpanId() + " " + span.attributes());
            }
        }
        return lines;
    }
}
