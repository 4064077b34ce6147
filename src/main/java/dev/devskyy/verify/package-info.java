/**
 * The JWT capability: {@link dev.devskyy.verify.JwtVerifier} checks the signature before it looks
 * at the payload, then every claim a {@link dev.devskyy.verify.JwtPolicy} asks for; keys come from
 * {@link dev.devskyy.verify.JwtKeys} (PEM, JWK, JWKS); {@link dev.devskyy.verify.JwtTools} declares
 * {@code jwt_verify}, {@code jwt_issue} and {@code jwt_decode}. A capability: it imports {@code io}
 * and {@link dev.devskyy.runtime.Json} anywhere, the rest of the runtime only in {@code JwtTools},
 * and no face nor other capability.
 */
package dev.devskyy.verify;
