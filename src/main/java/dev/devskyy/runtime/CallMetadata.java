package dev.devskyy.runtime;

/**
 * Well-known keys of a call's metadata: settings a trusted face (the CLI) passes from its own
 * command line to a tool, such as where key material is. MCP clients cannot set metadata, so a
 * remote caller can never point a tool at other keys.
 */
public final class CallMetadata {
    public static final String KEYRING = "dev.devskyy/keyring";
    public static final String KEY_FILE = "dev.devskyy/key-file";
    public static final String KEY_ENV = "dev.devskyy/key-env";
    public static final String PASSWORD_FILE = "dev.devskyy/password-file";
    public static final String PASSWORD_ENV = "dev.devskyy/password-env";
    public static final String PASSWORD_PROMPT = "dev.devskyy/password-prompt";
    public static final String JWT_SECRET_ENV = "dev.devskyy/jwt-secret-env";
    public static final String JWT_SECRET_FILE = "dev.devskyy/jwt-secret-file";
    public static final String JWT_KEY_FILE = "dev.devskyy/jwt-key-file";
    public static final String JWT_JWKS_URL = "dev.devskyy/jwt-jwks-url";
    public static final String JWT_ISSUER_URL = "dev.devskyy/jwt-issuer-url";

    private CallMetadata() {}
}
