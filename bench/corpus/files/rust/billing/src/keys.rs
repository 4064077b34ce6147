// keys for billing
pub const SLACK_WEBHOOK_URL: &str = "https://hooks.slack.com/services/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";
pub const AZURE_STORAGE_KEY: &str = "7IiYUeLB/bkB8Of5bK0KnnHqGuyI80dkgdljSb2E2mNubsNnc+Ydw3FyWdfA5/RShg5ofbz2XZYWNzFafkEkFC==";
pub const SERVICEBUS_KEY: &str = "vvpniyCGQSjXpRZOuvLFBzuiFIEI6dwPu+ASbFwT3is=";
pub const AI_SERVICES_KEY: &str = "DvyqP8F7nWr9W1dsmWP3v0H5XxWoPnUeTK4BGs04EwL7SNMnkLbPJQQJ994G1qPDomOXr7MoaHADRmr77m14";
pub const TWILIO_API_SECRET: &str = "qOYePg2Sha74GmeNThEWths4qkWLkFkA";
pub const IBM_CLOUD_API_KEY: &str = "vO0NQGzjm-k5EJ6oaAQP-GAtP5vuFQkJEUEVNkFsoWE-";
pub const VERCEL_TOKEN: &str = "yR2sFi95pxnwhGOgoYNUSZJl";
pub const TFC_TOKEN: &str = "X5zUZOscSIzdRB.atlasv1.uSW40eQX4sX1jm9XbU3YmMxHMmYKZ2920QRB35S1mUk0E8ZAstyCLdQ6pxyJE0dyqqa";
pub const JIRA_API_TOKEN: &str = "IT4ywPaRvWXkSKb2oBzTAXpR";
pub const JENKINS_API_TOKEN: &str = "113c1d01d76c09dd4dabdb6be24d4b7ef6";
pub const OP_SERVICE_ACCOUNT_TOKEN: &str = "ops_eyJOeX1HF/7H1ifPgwctwSPHKCgPpjTwk+hw4J0SCPEZqcOhdtpp2g8q7Fdl1BRxNx7je1xIYbG6WN+NkKSvPveiwg32zTjg5WhcqzglYsVebIvoMpzu3HQ/QfP8HjQOVphq631ecMT+ysyT7jqWmPTinG8J/5TQd0Oz5nhSMoxM2MovaaTfRv0QfLzzYfwKQULgkd8SGYBWRaqHQmUufScwEP+yCD4/uXr8soiz510KNbJn9Uvb18B7V9piYCzrKyy6S6YLiZREznra9nr8K9p8ib6FidNd22cbqBy8tjEcNW+";
pub const NEW_RELIC_INSERT_KEY: &str = "NRII-oiWX-zx5MPxPx-TwrV6w1QlSdpEt3GGE";
pub const SPLUNK_HEC_TOKEN: &str = "4a73e9f2-be23-40e3-9ff3-f6b59c922e89";
pub const TEAMS_WORKFLOW_URL: &str = "https://prod-12.westeurope.logic.azure.com:443/workflows/84b28f4774a5b8aa9784d23ca6c24d27/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=S73Mo3Ee8m4CizwTQQoaiqKP8tQYNua467TyfJtheRL";
