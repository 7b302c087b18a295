package io.tradecoord.coordination.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void aCustomerActsForItselfOnly() {
        Caller alice = Caller.of(token("alice", Caller.CUSTOMER));
        assertTrue(alice.mayActFor("alice"));
        assertFalse(alice.mayActFor("bob"));
        assertFalse(alice.mayRead("bob"));
        assertEquals(403, assertThrows(ProblemException.class, () -> alice.requireActingFor("bob")).problem().status());
        assertEquals(403, assertThrows(ProblemException.class, () -> alice.requireReading("bob")).problem().status());
        assertEquals("alice", alice.idempotencyScope());
    }

    @Test
    void anAdminActsForEveryoneAndAnOperatorOnlyReads() {
        Caller admin = Caller.of(token("shop", Caller.ADMIN));
        assertTrue(admin.mayActFor("bob"));
        Caller operator = Caller.of(token("ops", Caller.OPERATOR));
        assertFalse(operator.mayActFor("bob"));
        assertTrue(operator.mayRead("bob"));
        // an operator whose subject happens to be a member id is not that member
        assertFalse(Caller.of(token("bob", Caller.OPERATOR)).mayActFor("bob"));
    }

    @Test
    void noPrincipalIsUnauthenticated() {
        assertEquals(401, assertThrows(ProblemException.class, () -> Caller.of(token(null))).problem().status());
    }

    private static SecurityContext token(String subject, String... roles) {
        Set<String> granted = Set.of(roles);
        Principal principal = subject == null ? null : () -> subject;
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return granted.contains(role);
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return "MP-JWT";
            }
        };
    }
}
