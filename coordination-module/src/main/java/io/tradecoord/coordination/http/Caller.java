package io.tradecoord.coordination.http;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Objects;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who sent a request, as its bearer token says: the token's subject and what its roles allow. A customer's subject
 * is its member id, so a customer acts only for itself; an admin acts for every member.
 */
public final class Caller {

    /** Reads and changes its own member profile and orders (the token's subject is the member id). */
    public static final String CUSTOMER = "customer";
    /** Runs the shop: SKUs, stock, shipments, every member and order. */
    public static final String ADMIN = "admin";
    /** Runs the system: dead letters, the operations page. */
    public static final String OPERATOR = "operator";

    private final String subject;
    private final SecurityContext security;

    private Caller(String subject, SecurityContext security) {
        this.subject = subject;
        this.security = security;
    }

    /**
     * The authenticated caller of this request. Resources call it only from methods that {@link RoleCheck} lets through
     * for a role, so a caller is there.
     *
     * @throws ProblemException 401 if the request carries no authenticated caller
     */
    public static Caller of(SecurityContext security) {
        Principal principal = security.getUserPrincipal();
        if (principal == null) {
            throw new ProblemException(RoleCheck.unauthenticated());
        }
        String subject = principal instanceof JsonWebToken token && token.getSubject() != null ? token.getSubject() : principal.getName();
        return new Caller(Objects.requireNonNull(subject, "subject"), security);
    }

    /** The token's subject: the member id of a customer. */
    public String subject() {
        return subject;
    }

    public boolean is(String role) {
        return security.isUserInRole(role);
    }

    /** Whether this caller may read and change what belongs to {@code memberId}: an admin, or that member itself. */
    public boolean mayActFor(String memberId) {
        return is(ADMIN) || (is(CUSTOMER) && subject.equals(memberId));
    }

    /** Whether this caller may read what belongs to {@code memberId}: as {@link #mayActFor}, or an operator. */
    public boolean mayRead(String memberId) {
        return mayActFor(memberId) || is(OPERATOR);
    }

    /**
     * @throws ProblemException 403 unless this caller {@linkplain #mayActFor may act for} {@code memberId}
     */
    public void requireActingFor(String memberId) {
        if (!mayActFor(memberId)) {
            throw new ProblemException(RoleCheck.forbidden("a customer may act only for itself, member " + subject));
        }
    }

    /**
     * @throws ProblemException 403 unless this caller {@linkplain #mayRead may read} what belongs to {@code memberId}
     */
    public void requireReading(String memberId) {
        if (!mayRead(memberId)) {
            throw new ProblemException(RoleCheck.forbidden("a customer may read only its own, member " + subject));
        }
    }

    /** The scope of this caller's {@code Idempotency-Key}s: two callers' equal keys are two requests. */
    public String idempotencyScope() {
        return subject;
    }
}
