/**
 * The web-edge kit every business module's boundary shares, apart from coordination proper: problem+json for every
 * failure, strict JSON bodies within limits, paging, idempotent requests, and who may call what ({@link
 * io.tradecoord.coordination.http.RoleCheck}, {@link io.tradecoord.coordination.http.Caller}). A module registers the
 * providers with empty {@code @Provider} subclasses in its boundary package, under the same names in every module.
 * The lock and bus cores do not depend on it; only the endpoints for operators (dead letters, the operations page) use
 * its paging, problems and roles.
 */
package io.tradecoord.coordination.http;
