package dev.ledger.query.admin;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The service-level test (AdminAuthenticationTest) runs with a token; without one the endpoints are off. */
class AdminTokenInterceptorTest {

    @Test
    void withoutAConfiguredTokenEveryAdminRequestIsRefusedAsDisabled() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/rebuild");
        request.addHeader("Authorization", "Bearer ");
        AdminAccessDenied denied = catchThrowableOfType(AdminAccessDenied.class,
                () -> new AdminTokenInterceptor("").preHandle(request, new MockHttpServletResponse(), new Object()));
        assertThat(denied.disabled()).isTrue();
    }

    @Test
    void theRightTokenPassesAndAWrongOneIsUnauthorized() {
        AdminTokenInterceptor interceptor = new AdminTokenInterceptor("s3cret");
        MockHttpServletRequest right = new MockHttpServletRequest("GET", "/admin/rebuild");
        right.addHeader("Authorization", "Bearer s3cret");
        assertThat(interceptor.preHandle(right, new MockHttpServletResponse(), new Object())).isTrue();
        MockHttpServletRequest wrong = new MockHttpServletRequest("GET", "/admin/rebuild");
        wrong.addHeader("Authorization", "Bearer s3cre");
        assertThat(catchThrowableOfType(AdminAccessDenied.class,
                () -> interceptor.preHandle(wrong, new MockHttpServletResponse(), new Object())).disabled()).isFalse();
    }
}
