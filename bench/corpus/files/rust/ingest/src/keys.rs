// keys for ingest
pub const DB_PASSWORD: &str = "CHANGEIT";
pub const SERVICE_TOKEN: &str = "test1234";
pub const PASSWORD: &str = "%PASSWORD%";
pub const PASSWORD_HASH: &str = "$2b$12$vuNUrEFNzQOR4HOQamKoA6y9sl0bzSi3f3fYcX3gtQAigELRh35EZ";
pub const SCRIPT_INTEGRITY: &str = "sha384-6HJloGXIDhsae03Hjd9qL+6hHze99TWep4r/mdtv/VmCgzYmJVRyHXTEATUEovf/";
pub const AZURE_TENANT_ID: &str = "dea35554-63f9-4e26-8a41-1393229845f6";
pub const MAPBOX_PUBLIC_TOKEN: &str = "pk.eyJ1Ijoijl8Qx32vEaUTWiZCqDbhKh5OvebkxGfqgySyvR9f6i6m_0Q2Scil4kCnks43.OVYy4KD5K-LvFoSDZ69G2T";
pub const AWS_ACCESS_KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
pub const SUPABASE_SECRET_KEY: &str = "sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz";
pub const KUBEADM_TOKEN: &str = "abcdef.0123456789abcdef";
pub const SECRET_NAME: &str = "prod/api/token";
pub const PASSWORD_MIN_LENGTH: &str = "12";
pub const API_KEY_VERSION: &str = "v1.0.3";
