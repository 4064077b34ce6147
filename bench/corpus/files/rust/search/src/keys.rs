// keys for search
pub const BRAINTREE_SANDBOX_TOKEN: &str = "access_token$sandbox$w9s95tss6j8j7y08$33a8f74605c1c9c815ddccce3ee2f214";
pub const WOOCOMMERCE_CONSUMER_KEY: &str = "ck_f9aa337025ee311bbb47b528815de9ed5a3166ae";
pub const RAZORPAY_KEY_ID: &str = "rzp_live_W604fm2lMEVKd3";
pub const DEEPSEEK_API_KEY: &str = "sk-6c1a9703abeb9fe086408d3997c98838";
pub const AIRTABLE_API_KEY: &str = "keyQ0vEMGnwcyGKma";
pub const HUBSPOT_API_KEY: &str = "1e2832f1-49c3-41f3-803b-23cf846a55ed";
pub const LINKEDIN_CLIENT_SECRET: &str = "Mq8BdzWqcYokgis3";
pub const PLANETSCALE_SERVICE_TOKEN: &str = "pscale_tkn_oOoTeH8HWpEMSykhPHY6HJqoKHasF5xf2At-FoBSnYI";
pub const YC_API_KEY: &str = "AQVN662DigWqccpdQJgePuKC1eXWur_yyAvBB4La";
pub const DUFFEL_ACCESS_TOKEN: &str = "duffel_live_red9D0xJAI5crbQRiDvRoCDhD-KtIujEVL7dvpFCu-v";
pub const MESSAGEBIRD_API_KEY: &str = "lLOzabvORlqCZcKdYUhAgu4qI";
pub const DB_PASSWORD: &str = "Violet045#6KSquN";
pub const OPENSHIFT_TOKEN: &str = "sha256~agykcct02axJ-RrmaM472XE1LkjHOVD2qn3whHxnCeV";
pub const GITEA_TOKEN: &str = "215340ce8a09407b52525f4ad4059ae3c974b500";
