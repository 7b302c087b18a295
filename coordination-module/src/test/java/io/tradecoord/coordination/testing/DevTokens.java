package io.tradecoord.coordination.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Bearer tokens for the tests, signed with the development key pair (scripts/dev-jwt) that the test servers are
 * configured to trust, as {@code scripts/token.sh} mints them: issuer {@value #ISSUER}, the subject as {@code sub} and
 * {@code upn}, the roles as {@code groups}.
 */
public final class DevTokens {

    /** The issuer the servers under test accept ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "tradecoord-dev";

    private static final PrivateKey KEY = readKey();

    private DevTokens() {
    }

    /** Runs the shop and the system: every member's data, SKUs, stock, shipments, dead letters. What most tests act as. */
    public static String staff() {
        return token("test-staff", 60, "admin", "operator");
    }

    /** A customer acting for the member {@code memberId}. */
    public static String customer(String memberId) {
        return token(memberId, 60, "customer");
    }

    /** A token for {@code subject} with {@code roles}, valid for {@code minutes} (negative: expired that long ago). */
    public static String token(String subject, int minutes, String... roles) {
        return sign(claims(subject, minutes, roles), KEY);
    }

    /** The same claims signed with a key the servers do not trust. */
    public static String signedByStranger(String subject, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(claims(subject, 60, roles), generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims from another issuer, signed with the trusted key. */
    public static String fromIssuer(String issuer, String subject, String... roles) {
        JwtClaims claims = claims(subject, 60, roles);
        claims.setIssuer(issuer);
        return sign(claims, KEY);
    }

    private static JwtClaims claims(String subject, int minutes, String... roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", Arrays.asList(roles));
        NumericDate now = NumericDate.now();
        NumericDate issued = NumericDate.fromSeconds(now.getValue() - (minutes < 0 ? 2 * 3600 : 0));
        claims.setIssuedAt(issued);
        claims.setExpirationTime(NumericDate.fromSeconds(now.getValue() + minutes * 60L));
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    private static String sign(JwtClaims claims, PrivateKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static PrivateKey readKey() {
        try (InputStream in = DevTokens.class.getResourceAsStream("dev-jwt/private-key.pem")) {
            if (in == null) {
                throw new IllegalStateException("dev-jwt/private-key.pem is missing from the coordination test-jar");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the development private key cannot be read", e);
        }
    }
}
