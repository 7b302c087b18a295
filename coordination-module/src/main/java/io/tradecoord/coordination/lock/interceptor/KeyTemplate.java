package io.tradecoord.coordination.lock.interceptor;

import io.tradecoord.coordination.lock.LockKey;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code @Locked} key template: literal text and placeholders bound to parameter positions.
 * Parsed once per method; a placeholder without a matching parameter is a programming error, reported with the
 * method's name.
 */
final class KeyTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

    private final List<String> literals = new ArrayList<>();
    private final List<Integer> parameterIndexes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final String methodName;

    private KeyTemplate(String methodName) {
        this.methodName = methodName;
    }

    static KeyTemplate parse(String template, Method method) {
        String methodName = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (template == null || template.isBlank()) {
            throw new IllegalStateException("@Locked on " + methodName + " has an empty key");
        }
        KeyTemplate parsed = new KeyTemplate(methodName);
        Matcher matcher = PLACEHOLDER.matcher(template);
        int literalStart = 0;
        while (matcher.find()) {
            parsed.literals.add(template.substring(literalStart, matcher.start()));
            String name = matcher.group(1).strip();
            parsed.names.add(name);
            parsed.parameterIndexes.add(indexOf(name, method, methodName, template));
            literalStart = matcher.end();
        }
        parsed.literals.add(template.substring(literalStart));
        return parsed;
    }

    String resolve(Object[] arguments) {
        StringBuilder key = new StringBuilder(literals.get(0));
        for (int i = 0; i < parameterIndexes.size(); i++) {
            Object value = arguments[parameterIndexes.get(i)];
            if (value == null) {
                throw new IllegalArgumentException("lock key parameter '" + names.get(i) + "' of " + methodName + " is null");
            }
            key.append(value).append(literals.get(i + 1));
        }
        return key.toString();
    }

    private static int indexOf(String name, Method method, String methodName, String template) {
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            LockKey lockKey = parameters[i].getAnnotation(LockKey.class);
            if (lockKey != null && lockKey.value().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].isNamePresent() && parameters[i].getName().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("@Locked(key = \"" + template + "\") on " + methodName + ": no parameter named '"
                + name + "' (annotate it with @LockKey(\"" + name + "\"))");
    }
}
