// generated from the ingest vault export
export const clientSecret = "<CLIENT_SECRET>";
export const githubToken = "xoxb-####-####";
export const npmToken = "${{ secrets.NPM_TOKEN }}";
export const dbPassword = "ENC[AES256_GCM,data:0OvD4zHEmH41NouPb5Ds+Yy+,iv:BDMkzC//1qTZC73g6sK8iVKTLQH3sNJbzdb6cMVYDPE=,tag:9W3KXTTnrK5qgOkNWzvmbg==,type:str]";
export const buildCommit = "ca532ff3502f68bf971713b88aa46bb7f9a9a4dc";
export const requestId = "0fa42081-b854-40fb-b401-5758da36cbfc";
export const stripePublishableKey = "pk_live_L8RSvXyD3EEae3ZjN0PHHoZi3n3D0Sgsy2bnx8PjkyvrNRFkvUS7Sf0WyPpU2h0BNeyqXtQJY6sPEHmqsuSw0avij1dQKpxVM78";
export const sentryDsn = "https://ba19c9252659e2211ed2e3a032fb20ba@o772425.ingest.sentry.io/8638086";
export const cosmosDbKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";
export const slackWebhookUrl = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
export const registryUrl = "https://deploy@registry.acme.io/v2/";
export const tokenUrl = "https://oauth2.googleapis.com/token";
export const tokenPattern = "ghp_[A-Za-z0-9]{36}";
