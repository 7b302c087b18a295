package io.tradecoord.coordination.http;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.logging.Logger;

/**
 * Enforces {@link RolesAllowed}, {@link PermitAll} and {@link DenyAll} on every resource method of a module's API, the
 * same way on WildFly (RESTEasy ignores them unless told) and on Payara (Jersey): no authenticated caller where a role
 * is needed answers 401 with {@code WWW-Authenticate: Bearer}, a caller without the role 403, both problem+json. A
 * resource method that declares none of the three, on itself or its class, is refused to everyone (403) and logged
 * at deployment: access is never open by omission. The method's annotation wins over its class's, which wins over that
 * of the class declaring the method.
 * Register with an empty subclass: {@code @Provider public class RoleCheck extends io.tradecoord.coordination.http.RoleCheck {}}.
 */
public class RoleCheck implements DynamicFeature {

    private static final Logger LOG = Logger.getLogger(RoleCheck.class.getName());

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        // the module's own resources are loaded with this provider; the server's (Jersey's WADL) are refused silently
        boolean ours = type.getClassLoader() == getClass().getClassLoader();
        context.register(new Check(requirementOf(method, type, ours)), Priorities.AUTHORIZATION);
    }

    /** What calling {@code method} of {@code type} needs; {@code warn}: log a method that declares nothing. */
    static Requirement requirementOf(Method method, Class<?> type, boolean warn) {
        Requirement onMethod = declaredOn(method);
        if (onMethod != null) {
            return onMethod;
        }
        Requirement onType = declaredOn(type);
        if (onType != null) {
            return onType;
        }
        // a method inherited from a library base class (the dead-letter and operations endpoints) carries the base's roles
        Requirement onDeclaringType = declaredOn(method.getDeclaringClass());
        if (onDeclaringType != null) {
            return onDeclaringType;
        }
        if (warn) {
            LOG.warning(() -> type.getName() + "." + method.getName() + " declares no @RolesAllowed, @PermitAll or @DenyAll: it is refused to everyone");
        }
        return Requirement.NOBODY;
    }

    private static Requirement declaredOn(AnnotatedElement element) {
        if (element.isAnnotationPresent(DenyAll.class)) {
            return Requirement.NOBODY;
        }
        if (element.isAnnotationPresent(PermitAll.class)) {
            return Requirement.ANYONE;
        }
        RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
        return roles == null ? null : new Requirement(List.of(roles.value()));
    }

    /** The answer to a request that needs a caller and carries none (or a token the server did not accept). */
    public static Problem unauthenticated() {
        return new Problem(401, "Unauthorized", "send a bearer token: Authorization: Bearer <JWT>");
    }

    public static Problem forbidden(String detail) {
        return new Problem(403, "Forbidden", detail);
    }

    /**
     * The roles that may call a method: any of {@code roles}; {@link #ANYONE} needs no caller, {@link #NOBODY} admits
     * none.
     */
    record Requirement(List<String> roles) {

        static final Requirement ANYONE = new Requirement(null);
        static final Requirement NOBODY = new Requirement(List.of());

        boolean needsCaller() {
            return roles != null;
        }
    }

    @Priority(Priorities.AUTHORIZATION)
    private static final class Check implements ContainerRequestFilter {

        private final Requirement requirement;

        Check(Requirement requirement) {
            this.requirement = requirement;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (!requirement.needsCaller()) {
                return;
            }
            SecurityContext security = request.getSecurityContext();
            if (requirement.roles().isEmpty()) {
                request.abortWith(forbidden("this operation is not open to any caller").toResponse());
            } else if (security == null || security.getUserPrincipal() == null) {
                request.abortWith(unauthenticated().toResponse());
            } else if (requirement.roles().stream().noneMatch(security::isUserInRole)) {
                request.abortWith(forbidden("this needs the role " + String.join(" or ", requirement.roles())).toResponse());
            }
        }
    }
}
