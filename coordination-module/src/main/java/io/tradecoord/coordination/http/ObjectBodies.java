package io.tradecoord.coordination.http;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * A {@link Jsonb} that refuses a JSON array where the target is an object type (a record or a class of the product):
 * Yasson reads {@code [{...}]} as the object inside, so an order sent as an array was placed. The first significant
 * character is looked at before Yasson reads; everything else is Yasson's.
 */
final class ObjectBodies implements Jsonb {

    private final Jsonb delegate;

    ObjectBodies(Jsonb delegate) {
        this.delegate = delegate;
    }

    /** True for the types a JSON object maps to: records and the application's own classes, not collections or JDK types. */
    static boolean expectsObject(Type type) {
        Type raw = type instanceof ParameterizedType parameterized ? parameterized.getRawType() : type;
        if (!(raw instanceof Class<?> target)) {
            return false;
        }
        if (Map.class.isAssignableFrom(target)) {
            return true;
        }
        if (target.isArray() || target.isPrimitive() || target.isInterface() || target.isEnum()) {
            return false;
        }
        String name = target.getName();
        return target.isRecord() || !(name.startsWith("java.") || name.startsWith("jakarta.") || name.startsWith("javax."));
    }

    /** Reads up to the first significant character, puts it back, and refuses an array where an object is expected. */
    private static void refuseArray(Read read, Unread unread, Type type) {
        try {
            int first = read.read();
            while (first == ' ' || first == '\t' || first == '\n' || first == '\r' || first == '\uFEFF') {
                first = read.read();
            }
            if (first >= 0) {
                unread.unread(first);
            }
            if (first == '[' && expectsObject(type)) {
                throw new JsonbException("expected a JSON object, got an array");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Read {
        int read() throws IOException;
    }

    private interface Unread {
        void unread(int c) throws IOException;
    }

    @Override
    public <T> T fromJson(String str, Class<T> type) throws JsonbException {
        return fromJson(new StringReader(str), type);
    }

    @Override
    public <T> T fromJson(String str, Type runtimeType) throws JsonbException {
        return fromJson(new StringReader(str), runtimeType);
    }

    @Override
    public <T> T fromJson(Reader reader, Class<T> type) throws JsonbException {
        return fromJson(reader, (Type) type);
    }

    @Override
    public <T> T fromJson(Reader reader, Type runtimeType) throws JsonbException {
        PushbackReader peeking = new PushbackReader(reader, 1);
        refuseArray(peeking::read, peeking::unread, runtimeType);
        return delegate.fromJson(peeking, runtimeType);
    }

    @Override
    public <T> T fromJson(InputStream stream, Class<T> type) throws JsonbException {
        return fromJson(stream, (Type) type);
    }

    @Override
    public <T> T fromJson(InputStream stream, Type runtimeType) throws JsonbException {
        PushbackInputStream peeking = new PushbackInputStream(stream, 1);
        refuseArray(peeking::read, peeking::unread, runtimeType);
        return delegate.fromJson(peeking, runtimeType);
    }

    @Override
    public String toJson(Object object) throws JsonbException {
        return delegate.toJson(object);
    }

    @Override
    public String toJson(Object object, Type runtimeType) throws JsonbException {
        return delegate.toJson(object, runtimeType);
    }

    @Override
    public void toJson(Object object, Writer writer) throws JsonbException {
        delegate.toJson(object, writer);
    }

    @Override
    public void toJson(Object object, Type runtimeType, Writer writer) throws JsonbException {
        delegate.toJson(object, runtimeType, writer);
    }

    @Override
    public void toJson(Object object, OutputStream stream) throws JsonbException {
        delegate.toJson(object, stream);
    }

    @Override
    public void toJson(Object object, Type runtimeType, OutputStream stream) throws JsonbException {
        delegate.toJson(object, runtimeType, stream);
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }
}
