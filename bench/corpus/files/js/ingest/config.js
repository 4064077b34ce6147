'use strict';
module.exports = {
  clientSecret: '<secret>',
  githubToken: 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  npmToken: '${{ secrets.NPM_TOKEN }}',
  dbPassword: 'ENC[AES256_GCM,data:QXom5znzvJ9DjbgtnHNnH6X5,iv:fvztv7Rqcyh8IZWG41b12qtegTXSYrPnXMsHNDrDJGg=,tag:OPiCp+k3P5b3/Pg2rxpEgA==,type:str]',
  buildCommit: 'a8f623bcf9fc575d35ce5b1080ccd31f3d203826',
  requestId: 'b32a21fc-7e0d-4848-a5f0-f65b2691a7a1',
  stripePublishableKey: 'pk_live_UagD4Mi8GMwIrBdpK6fLFocdS1r3Qa5qgwWVKEetOcWHswFjnHNbIgOtlB3wE2qWBR0ki8XKcKqqjDYvwRXoQZGQ5NRfvEHWU9v',
  sentryDsn: 'https://8b274c7c587c3b275445ae96f99c666d@o386056.ingest.sentry.io/1942065',
  cosmosDbKey: 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
  slackWebhookUrl: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
  registryUrl: 'https://deploy@registry.acme.io/v2/',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  tokenPattern: 'AKIA[0-9A-Z]{16}',
  region: 'eu-west-1',
};
