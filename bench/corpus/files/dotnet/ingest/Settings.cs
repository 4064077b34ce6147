namespace Acme;

public static class Settings
{
    public const string DbPassword = "change-me-please";
    public const string ServiceToken = "dummy-token";
    public const string Password = "%s";
    public const string PasswordHash = "$2b$12$XJPkw1PkIaBxxAZBvupWZ1ROzedJQwL0lc5X4EM2zTMoGrXEcUwhE";
    public const string ScriptIntegrity = "sha384-gVX67ovF0EcKfO458r0dHFMeFHuU8k2MUuQvEjVjAT5PHKP1cYh13K8D/UJrBn+2";
    public const string AzureTenantId = "5e778c04-d8d1-4e8c-89d6-8ecc9105974d";
    public const string MapboxPublicToken = "pk.eyJ1Ijoimxtc2Ty3flGTNkSkcM_VRfRj-7yx7Jci5dIms-17vyzHaUMhdtpIJk47ur0Q.W3QmeDQN5AjdVKPUXVJCA1";
    public const string AwsAccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string SupabaseSecretKey = "sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz";
    public const string KubeadmToken = "abcdef.0123456789abcdef";
    public const string SecretName = "db-credentials";
    public const string PasswordMinLength = "14";
    public const string ApiKeyVersion = "2024-06-01";
}
