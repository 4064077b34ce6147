package com.acme;

final class Keys {
    static final String CLIENT_SECRET = "<insert secret>";
    static final String GITHUB_TOKEN = "AKIAXXXXXXXXXXXXXXXX";
    static final String NPM_TOKEN = "${{ secrets.NPM_TOKEN }}";
    static final String DB_PASSWORD = "ENC[AES256_GCM,data:21UJ0LuRk22bgFXj2SzzOWxr,iv:FrxWEM9jlCno3uOWkrWr71eDi21T1ABKmD31AzAjUp8=,tag:xBSj7N2Cx8I0rqZ0ql1ddQ==,type:str]";
    static final String BUILD_COMMIT = "f72f4b2dc6588a784246cfe88aa562cba317a8da";
    static final String REQUEST_ID = "46b99c11-1571-431a-812b-aaaeaae6d4ab";
    static final String STRIPE_PUBLISHABLE_KEY = "pk_live_wqhRZCw0iwjztn1hVTNxoTArjZywC9Zes2k59UsesjEDG2zgJngB4fBUAtBxFtnhydT1Idl0zClh6E5OO37qWetEQkN6GnEvpKI";
    static final String SENTRY_DSN = "https://ea740c2c3e4fd96a92fe9ca8d70e1f5c@o107188.ingest.sentry.io/4930701";
    static final String COSMOS_DB_KEY = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";
    static final String SLACK_WEBHOOK_URL = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    static final String REGISTRY_URL = "https://deploy@registry.acme.io/v2/";
    static final String TOKEN_URL = "https://oauth2.googleapis.com/token";
    static final String TOKEN_PATTERN = "AKIA[0-9A-Z]{16}";
}
