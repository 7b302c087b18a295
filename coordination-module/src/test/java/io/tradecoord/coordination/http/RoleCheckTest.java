package io.tradecoord.coordination.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleCheckTest {

    @RolesAllowed(Caller.OPERATOR)
    abstract static class LibraryEndpoint {
        public void inherited() {
        }

        @PermitAll
        public void page() {
        }
    }

    static class ModuleEndpoint extends LibraryEndpoint {
    }

    @RolesAllowed(Caller.ADMIN)
    static class Guarded {
        public void byClass() {
        }

        @RolesAllowed({Caller.CUSTOMER, Caller.ADMIN})
        public void byMethod() {
        }

        @DenyAll
        public void closed() {
        }
    }

    static class Undeclared {
        public void forgotten() {
        }
    }

    @Test
    void theMethodsRolesWinOverItsClassesWhichWinOverTheDeclaringClasses() throws Exception {
        assertEquals(List.of(Caller.CUSTOMER, Caller.ADMIN), requirement(Guarded.class, "byMethod").roles());
        assertEquals(List.of(Caller.ADMIN), requirement(Guarded.class, "byClass").roles());
        assertEquals(List.of(Caller.OPERATOR), requirement(ModuleEndpoint.class, "inherited").roles());
        assertFalse(requirement(ModuleEndpoint.class, "page").needsCaller(), "@PermitAll needs no caller");
    }

    @Test
    void aMethodThatDeclaresNothingIsOpenToNobody() throws Exception {
        RoleCheck.Requirement undeclared = requirement(Undeclared.class, "forgotten");
        assertTrue(undeclared.needsCaller());
        assertTrue(undeclared.roles().isEmpty(), "no role admits a caller");
        assertTrue(requirement(Guarded.class, "closed").roles().isEmpty());
    }

    private static RoleCheck.Requirement requirement(Class<?> type, String name) throws NoSuchMethodException {
        Method method = type.getMethod(name);
        return RoleCheck.requirementOf(method, type, false);
    }
}
