#!/usr/bin/env python3
"""Writes the labelled secret-scanning corpus: bench/corpus/files/ and bench/corpus/labels.json.

Every value here is made up by a seeded generator (same seed, same corpus): random strings with the
shape a format documents (prefix, length, alphabet, checksum). Nothing is a real credential. Each
family names where its shape comes from (the vendor's documentation or the public rule that scanners
such as gitleaks or TruffleHog ship for it); `rule` is the devskyy rule meant to find it, or null
when devskyy has no rule for it yet (the corpus is a yardstick, so it holds formats not yet covered).

Labels: one per line that holds a planted secret or a look-alike (decoy): path (under files/), line
and end_line (1-based; a PEM block spans lines), family, kind (secret or decoy), value (text that
line holds; the unit test BenchCorpusLabelsTest checks it), rule.

Usage: generate.py [OUT_DIR=bench/corpus]  (rewrites OUT_DIR/files and OUT_DIR/labels.json)
"""
import base64
import json
import os
import random
import shutil
import string
import sys
import uuid as uuidlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tokens import b64url, with_checksum  # noqa: E402

SEED = 12
rnd = random.Random(SEED)

LOWER, UPPER, DIGITS = string.ascii_lowercase, string.ascii_uppercase, string.digits
AN = string.ascii_letters + DIGITS
AN_ = AN + "_-"
B64 = AN + "+/"
HEX = "0123456789abcdef"
UPD = UPPER + DIGITS
BASE32L = "abcdefghijklmnopqrstuvwxyz234567"
BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"


def r(alphabet, n):
    return "".join(rnd.choice(alphabet) for _ in range(n))


def hx(n):
    return r(HEX, n)


def uuid():
    return str(uuidlib.UUID(int=rnd.getrandbits(128), version=4))




def checksummed(prefix):
    return with_checksum(prefix, r(AN, 30))




def jwt():
    header = b64url(json.dumps({"alg": rnd.choice(["HS256", "RS256"]), "typ": "JWT"}).encode())
    claims = b64url(json.dumps({"sub": r(DIGITS, 9), "iat": rnd.randint(1_600_000_000, 1_800_000_000)}).encode())
    return header + "." + claims + "." + r(AN_, 43)


def password():
    """A human-chosen-looking password: word, digits, a symbol."""
    word = rnd.choice(["Harbour", "Quartz", "Lantern", "Meadow", "Falcon", "Copper", "Violet", "Summit", "Orchid"])
    return word + r(DIGITS, 3) + rnd.choice("!#%*") + r(AN, 6)


# ---------------------------------------------------------------------------------------------------
# Families that can be written in any configuration or code format: (family, rule, name, source, value)
# `name` is the variable the value is assigned to (SCREAMING_SNAKE; other styles derived from it).
# ---------------------------------------------------------------------------------------------------
def F(family, name, source, make, rule="same"):
    return {"family": family, "rule": family if rule == "same" else rule, "name": name, "source": source, "make": make}


PORTABLE = [
    F("aws-access-key-id", "AWS_ACCESS_KEY_ID", "AWS IAM docs (AKIA + 16 base32); gitleaks aws-access-token",
      lambda: "AKIA" + r(UPPER + "234567", 16)),
    F("aws-secret-access-key", "AWS_SECRET_ACCESS_KEY", "AWS IAM docs (40 base64 characters)", lambda: r(B64, 40)),
    F("github-token", "GITHUB_TOKEN", "GitHub docs 'token formats' (ghp_/gho_/ghu_/ghs_/ghr_ + 36, CRC32)",
      lambda: checksummed(rnd.choice(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]))),
    F("github-fine-grained-token", "GH_FINE_GRAINED_PAT", "GitHub docs 'fine-grained personal access tokens' (github_pat_22_59)",
      lambda: "github_pat_" + r(AN, 22) + "_" + r(AN, 59)),
    F("gitlab-token", "GITLAB_TOKEN", "GitLab docs 'token prefixes'",
      lambda: rnd.choice(["glpat-", "gldt-", "glrt-", "glptt-"]) + r(AN_, 20)),
    F("slack-token", "SLACK_BOT_TOKEN", "Slack docs 'token types' (xoxb-/xoxp-)",
      lambda: rnd.choice(["xoxb-", "xoxp-"]) + r(DIGITS, 11) + "-" + r(DIGITS, 13) + "-" + r(AN, 24)),
    F("slack-webhook", "SLACK_WEBHOOK_URL", "Slack docs 'incoming webhooks'",
      lambda: "https://hooks.slack.com/services/T" + r(UPD, 10) + "/B" + r(UPD, 10) + "/" + r(AN, 24)),
    F("slack-app-token", "SLACK_APP_TOKEN", "Slack docs 'app-level tokens' (xapp-)",
      lambda: "xapp-1-A" + r(UPD, 10) + "-" + r(DIGITS, 13) + "-" + hx(64)),
    F("stripe-secret-key", "STRIPE_SECRET_KEY", "Stripe docs 'API keys' (sk_live_/rk_live_)",
      lambda: rnd.choice(["sk_live_", "rk_live_"]) + r(AN, 99)),
    F("stripe-test-key", "STRIPE_TEST_SECRET_KEY", "Stripe docs 'API keys' (sk_test_)", lambda: "sk_test_" + r(AN, 99)),
    F("stripe-webhook-secret", "STRIPE_WEBHOOK_SECRET", "Stripe docs 'webhook signatures' (whsec_)", lambda: "whsec_" + r(AN, 32)),
    F("google-api-key", "GOOGLE_MAPS_API_KEY", "Google Cloud docs 'API keys' (AIza + 35)",
      lambda: "AIza" + r(AN_, 35)),
    F("google-oauth-client-secret", "GOOGLE_CLIENT_SECRET", "Google OAuth client secrets (GOCSPX-)",
      lambda: "GOCSPX-" + r(AN_, 28)),
    F("google-oauth-refresh-token", "GOOGLE_REFRESH_TOKEN", "Google OAuth 2.0 refresh tokens (1//0…)", lambda: "1//0" + r(AN_, 100)),
    F("google-oauth-access-token", "GOOGLE_ACCESS_TOKEN", "Google OAuth 2.0 access tokens (ya29.)", lambda: "ya29.a0" + r(AN_, 150)),
    F("firebase-cloud-messaging-key", "FCM_SERVER_KEY", "Firebase Cloud Messaging legacy server keys (AAAA…:APA91b…)",
      lambda: "AAAA" + r(AN_, 7) + ":APA91b" + r(AN_, 134)),
    F("azure-storage-key", "AZURE_STORAGE_KEY", "Azure Storage docs: account keys are 64 bytes in base64", lambda: r(B64, 86) + "=="),
    F("azure-connection-string", "AZURE_STORAGE_CONNECTION_STRING", "Azure Storage docs 'connection strings'",
      lambda: "DefaultEndpointsProtocol=https;AccountName=acme" + r(LOWER, 6) + ";AccountKey=" + r(B64, 86) + "==;EndpointSuffix=core.windows.net"),
    F("azure-ad-client-secret", "AZURE_CLIENT_SECRET", "Microsoft Entra client secrets (3 chars, 8Q~, 34)",
      lambda: r(AN, 3) + "8Q~" + r(AN + "_~.-", 34)),
    F("azure-sas-token", "AZURE_BLOB_SAS_URL", "Azure Storage docs 'shared access signatures' (sv=…&sig=)",
      lambda: "https://acme.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2027-01-01T00:00:00Z&spr=https&sig=" + r(AN, 43) + "%3D"),
    F("azure-shared-access-signature", "SERVICEBUS_SAS", "Azure Service Bus docs 'SAS authentication'",
      lambda: "SharedAccessSignature sr=acme.servicebus.windows.net%2Forders&sig=" + r(AN, 43) + "%3D&se=1767225600&skn=send"),
    F("azure-storage-identifiable-key", "STORAGE_ACCOUNT_KEY", "Microsoft identifiable secret format (+ASt signature)",
      lambda: r(B64, 76) + "+ASt" + r(B64, 5) + rnd.choice("AQgw") + "=="),
    F("azure-cosmos-identifiable-key", "COSMOS_PRIMARY", "Microsoft identifiable secret format (ACDb signature)",
      lambda: r(B64, 76) + "ACDb" + r(B64, 5) + rnd.choice("AQgw") + "=="),
    F("azure-batch-key", "BATCH_ACCOUNT_KEY", "Microsoft identifiable secret format (+ABa signature)",
      lambda: r(B64, 76) + "+ABa" + r(B64, 5) + rnd.choice("AQgw") + "=="),
    F("azure-apim-key", "APIM_SUBSCRIPTION", "Microsoft identifiable secret format (APIM signature)",
      lambda: r(B64, 76) + "APIM" + r(B64, 5) + rnd.choice("AQgw") + "=="),
    F("azure-service-bus-key", "SERVICEBUS_KEY", "Microsoft identifiable secret format (+ASb signature)",
      lambda: r(B64, 33) + "+ASb" + rnd.choice("ABCDEFGHIJKLMNOP") + r(B64, 5) + "="),
    F("azure-event-hub-key", "EVENTHUB_KEY", "Microsoft identifiable secret format (+AEh signature)",
      lambda: r(B64, 33) + "+AEh" + rnd.choice("ABCDEFGHIJKLMNOP") + r(B64, 5) + "="),
    F("azure-relay-key", "RELAY_KEY", "Microsoft identifiable secret format (+ARm signature)",
      lambda: r(B64, 33) + "+ARm" + rnd.choice("ABCDEFGHIJKLMNOP") + r(B64, 5) + "="),
    F("azure-cache-redis-key", "REDIS_ACCESS_KEY", "Microsoft identifiable secret format (AzCa signature)",
      lambda: r(B64, 33) + "AzCa" + rnd.choice("ABCDEFGHIJKLMNOP") + r(B64, 5) + "="),
    F("azure-iot-key", "IOTHUB_DEVICE_KEY", "Microsoft identifiable secret format (AIoT signature)",
      lambda: r(B64, 33) + "AIoT" + rnd.choice("ABCDEFGHIJKLMNOP") + r(B64, 5) + "="),
    F("azure-event-grid-key", "EVENTGRID_KEY", "Microsoft identifiable secret format (AZEG signature)",
      lambda: r(B64, 33) + "AZEG" + rnd.choice("ABCDEFGHIJKLMNOP") + r(B64, 5) + "="),
    F("azure-container-registry-key", "ACR_PASSWORD", "Microsoft identifiable secret format (+ACR signature)",
      lambda: r(B64, 42) + "+ACR" + rnd.choice("ABCD") + r(B64, 5)),
    F("azure-function-key", "FUNCTION_KEY", "Microsoft identifiable secret format (AzFu signature)",
      lambda: r(AN_, 44) + "AzFu" + r(AN_, 5) + rnd.choice("AQgw") + "=="),
    F("azure-search-key", "SEARCH_ADMIN_KEY", "Microsoft identifiable secret format (AzSe signature)",
      lambda: r(AN, 42) + "AzSe" + rnd.choice("ABCD") + r(AN, 5)),
    F("azure-identifiable-key", "AI_SERVICES_KEY", "Microsoft common annotated security key (JQQJ9 signature)",
      lambda: r(AN, 52) + "JQQJ9" + rnd.choice("9DH") + r(AN, 1) + rnd.choice("ABCDEFGHIJKL") + r(AN, 16) + r(string.ascii_letters, 1) + r(AN, 7)),
    F("azure-devops-pat", "AZURE_DEVOPS_PAT", "Azure DevOps personal access tokens (52 base32, legacy)", lambda: r(BASE32L, 52)),
    F("azure-app-configuration-connection-string", "APP_CONFIG_CONNECTION", "Azure App Configuration docs (Endpoint;Id;Secret)",
      lambda: "Endpoint=https://acme.azconfig.io;Id=" + r(AN, 4) + "-l0-s0:" + r(AN, 20) + ";Secret=" + r(B64, 43) + "="),
    F("azure-signalr-connection-string", "SIGNALR_CONNECTION", "Azure SignalR docs 'connection strings' (AccessKey)",
      lambda: "Endpoint=https://acme.service.signalr.net;AccessKey=" + r(B64, 43) + "=;Version=1.0;"),
    F("azure-cosmos-key", "COSMOS_DB_KEY", "Azure Cosmos DB docs: primary keys are 64 bytes in base64", lambda: r(B64, 86) + "=="),
    F("aws-session-token", "AWS_SESSION_TOKEN", "AWS STS session tokens (IQoJb3JpZ2luX2Vj…)", lambda: "IQoJb3JpZ2luX2Vj" + r(B64, 300)),
    F("aws-bedrock-api-key", "BEDROCK_API_KEY", "Amazon Bedrock docs 'API keys' (ABSK…)", lambda: "ABSKQmVkcm9ja0FQSUtleS" + r(B64, 120)),
    F("aws-bedrock-short-term-key", "BEDROCK_SHORT_TERM_KEY", "Amazon Bedrock docs 'short-term API keys'",
      lambda: "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t" + r(B64, 200)),
    F("twilio-api-key", "TWILIO_API_KEY_SID", "Twilio docs 'API keys' (SK + 32 hex)", lambda: "SK" + hx(32)),
    F("twilio-auth-token", "TWILIO_AUTH_TOKEN", "Twilio docs 'auth tokens' (32 hex)", lambda: hx(32)),
    F("twilio-api-secret", "TWILIO_API_SECRET", "Twilio docs 'API keys' (secret, 32 alphanumerics)", lambda: r(AN, 32)),
    F("sendgrid-api-key", "SENDGRID_API_KEY", "SendGrid docs 'API keys' (SG.22.43)",
      lambda: "SG." + r(AN_, 22) + "." + r(AN_, 43)),
    F("npm-token", "NPM_TOKEN", "npm docs 'access tokens' (npm_ + 36, CRC32)", lambda: checksummed("npm_")),
    F("pypi-token", "PYPI_API_TOKEN", "PyPI docs 'API tokens' (pypi-AgEIcHlwaS5vcmc…)",
      lambda: "pypi-AgEIcHlwaS5vcmc" + r(AN_, 70)),
    F("openai-api-key", "OPENAI_API_KEY", "OpenAI keys (sk-proj-…T3BlbkFJ…)",
      lambda: "sk-proj-" + r(AN_, 40) + "T3BlbkFJ" + r(AN_, 40)),
    F("anthropic-api-key", "ANTHROPIC_API_KEY", "Anthropic keys (sk-ant-api03-…AA)",
      lambda: "sk-ant-api03-" + r(AN_, 93) + "AA"),
    F("jwt", "SESSION_JWT", "RFC 7519 compact JWS (header.payload.signature)", jwt),
    F("alibaba-access-key-id", "ALIBABA_ACCESS_KEY_ID", "Alibaba Cloud AccessKey IDs (LTAI…)",
      lambda: "LTAI" + r(AN, 20)),
    F("alibaba-secret-key", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "Alibaba Cloud AccessKey secrets (30 alphanumerics)",
      lambda: r(AN, 30)),
    F("ibm-cloud-api-key", "IBM_CLOUD_API_KEY", "IBM Cloud IAM API keys (44 characters)", lambda: r(AN_, 44)),
    F("softlayer-api-key", "SOFTLAYER_API_KEY", "SoftLayer API keys (64 hex)", lambda: hx(64)),
    F("digitalocean-pat", "DIGITALOCEAN_TOKEN", "DigitalOcean docs (dop_v1_ + 64 hex)", lambda: "dop_v1_" + hx(64)),
    F("digitalocean-oauth-token", "DO_OAUTH_TOKEN", "DigitalOcean docs (doo_v1_)", lambda: "doo_v1_" + hx(64)),
    F("digitalocean-refresh-token", "DO_REFRESH_TOKEN", "DigitalOcean docs (dor_v1_)", lambda: "dor_v1_" + hx(64)),
    F("linode-token", "LINODE_TOKEN", "Linode API tokens (64 hex)", lambda: hx(64)),
    F("heroku-api-key", "HEROKU_API_KEY", "Heroku API keys (UUID)", uuid),
    F("heroku-api-key-v2", "HEROKU_API_TOKEN", "Heroku tokens (HRKU-AA…)", lambda: "HRKU-AA" + r(AN_, 58)),
    F("flyio-token", "FLY_API_TOKEN", "Fly.io tokens (fo1_)", lambda: "fo1_" + r(AN_, 43)),
    F("vercel-token", "VERCEL_TOKEN", "Vercel access tokens (24 alphanumerics)", lambda: r(AN, 24)),
    F("netlify-token", "NETLIFY_AUTH_TOKEN", "Netlify tokens (nfp_)", lambda: "nfp_" + r(AN, 36)),
    F("render-api-key", "RENDER_API_KEY", "Render API keys (rnd_ + 32)", lambda: "rnd_" + r(AN, 32)),
    F("railway-token", "RAILWAY_TOKEN", "Railway project tokens (UUID)", uuid),
    F("cloudflare-api-token", "CLOUDFLARE_API_TOKEN", "Cloudflare API tokens (40 characters)", lambda: r(AN_, 40)),
    F("cloudflare-global-api-key", "CLOUDFLARE_API_KEY", "Cloudflare global API key (37 hex)", lambda: hx(37)),
    F("cloudflare-origin-ca-key", "CF_ORIGIN_CA_KEY", "Cloudflare Origin CA keys (v1.0-24-146 hex)",
      lambda: "v1.0-" + hx(24) + "-" + hx(146)),
    F("vault-service-token", "VAULT_ADDR_TOKEN", "HashiCorp Vault docs 'tokens' (hvs.)", lambda: "hvs." + r(AN_, 95)),
    F("vault-batch-token", "VAULT_BATCH", "HashiCorp Vault docs 'batch tokens' (hvb.)", lambda: "hvb." + r(AN_, 140)),
    F("vault-legacy-token", "VAULT_TOKEN", "HashiCorp Vault legacy tokens (s. + 24)", lambda: "s." + r(AN, 24)),
    F("terraform-cloud-token", "TFC_TOKEN", "HCP Terraform API tokens (14.atlasv1.67)",
      lambda: r(AN, 14) + ".atlasv1." + r(AN, 67)),
    F("tailscale-key", "TS_AUTHKEY", "Tailscale docs 'auth keys' (tskey-auth-…)",
      lambda: "tskey-auth-" + r(AN, 12) + "-" + r(AN, 33)),
    F("docker-hub-token", "DOCKERHUB_TOKEN", "Docker docs 'access tokens' (dckr_pat_)", lambda: "dckr_pat_" + r(AN_, 27)),
    F("artifactory-api-key", "ARTIFACTORY_API_KEY", "JFrog API keys (AKCp + 69)", lambda: "AKCp" + r(AN, 69)),
    F("artifactory-reference-token", "JFROG_ACCESS_TOKEN", "JFrog reference tokens (cmVmdGtu + 56)",
      lambda: "cmVmdGtu" + r(AN, 56)),
    F("gitlab-runner-registration-token", "CI_RUNNER_REGISTRATION", "GitLab runner registration tokens (GR1348941)",
      lambda: "GR1348941" + r(AN_, 20)),
    F("gitlab-session-cookie", "GITLAB_COOKIE", "GitLab session cookie (_gitlab_session=32)",
      lambda: "_gitlab_session=" + r(LOWER + DIGITS, 32)),
    F("bitbucket-app-password", "BITBUCKET_APP_PASSWORD", "Bitbucket app passwords (ATBB + 32)", lambda: "ATBB" + r(AN, 32)),
    F("atlassian-api-token", "ATLASSIAN_API_TOKEN", "Atlassian API tokens (ATATT3 + 186)",
      lambda: "ATATT3" + r(AN_, 186)),
    F("atlassian-legacy-token", "JIRA_API_TOKEN", "Atlassian legacy API tokens (24 alphanumerics)", lambda: r(AN, 24)),
    F("bitbucket-datacenter-token", "BITBUCKET_HTTP_TOKEN", "Bitbucket Data Center HTTP access tokens (BBDC-)", lambda: "BBDC-" + r(AN, 44)),
    F("bitbucket-client-secret", "BITBUCKET_CLIENT_SECRET", "Bitbucket OAuth consumer secrets (32)", lambda: r(AN, 32)),
    F("circleci-token", "CIRCLECI_PAT", "CircleCI personal tokens (CCIPAT_22_40 hex)", lambda: "CCIPAT_" + r(AN, 22) + "_" + hx(40)),
    F("circleci-legacy-token", "CIRCLECI_TOKEN", "CircleCI legacy API tokens (40 hex)", lambda: hx(40)),
    F("travis-ci-token", "TRAVIS_API_TOKEN", "Travis CI API tokens (22 characters)", lambda: r(AN_, 22)),
    F("buildkite-token", "BUILDKITE_API_TOKEN", "Buildkite API access tokens (bkua_ + 40 hex)", lambda: "bkua_" + hx(40)),
    F("drone-ci-token", "DRONE_TOKEN", "Drone personal tokens (32)", lambda: r(AN, 32)),
    F("teamcity-token", "TEAMCITY_TOKEN", "TeamCity access tokens (JWT-like with TCV2 header)",
      lambda: "eyJ0eXAiOiAiVENWMiJ9." + r(AN_, 36) + "." + r(AN_, 60)),
    F("jenkins-api-token", "JENKINS_API_TOKEN", "Jenkins API tokens (11 + 32 hex)", lambda: "11" + hx(32)),
    F("snyk-token", "SNYK_TOKEN", "Snyk API tokens (UUID)", uuid),
    F("sourcegraph-token", "SRC_ACCESS_TOKEN", "Sourcegraph access tokens (sgp_16 hex_40 hex)",
      lambda: "sgp_" + hx(16) + "_" + hx(40)),
    F("sonarqube-token", "SONAR_SCANNER_TOKEN", "SonarQube docs 'token types' (sqp_/squ_/sqa_)",
      lambda: rnd.choice(["sqp_", "squ_", "sqa_"]) + hx(40)),
    F("sonar-legacy-token", "SONAR_TOKEN", "SonarQube legacy tokens (40 hex)", lambda: hx(40)),
    F("codecov-token", "CODECOV_TOKEN", "Codecov upload tokens (UUID)", uuid),
    F("nuget-api-key", "NUGET_API_KEY", "NuGet.org API keys (oy2 + 43 base32)", lambda: "oy2" + r(BASE32L, 43)),
    F("rubygems-api-key", "GEM_HOST_API_KEY", "RubyGems API keys (rubygems_ + 48 hex)", lambda: "rubygems_" + hx(48)),
    F("pulumi-access-token", "PULUMI_ACCESS_TOKEN", "Pulumi access tokens (pul- + 40 hex)", lambda: "pul-" + hx(40)),
    F("doppler-token", "DOPPLER_TOKEN", "Doppler token formats (dp.st.…)", lambda: "dp.st.prd." + r(AN, 40)),
    F("onepassword-service-account-token", "OP_SERVICE_ACCOUNT_TOKEN", "1Password service accounts (ops_eyJ…)",
      lambda: "ops_eyJ" + r(B64, 300)),
    F("onepassword-secret-key", "OP_SECRET_KEY", "1Password Secret Key (A3-6-11-5-5-5)",
      lambda: "A3-" + r(UPD, 6) + "-" + r(UPD, 11) + "-" + r(UPD, 5) + "-" + r(UPD, 5) + "-" + r(UPD, 5)),
    F("infisical-token", "INFISICAL_TOKEN", "Infisical service tokens (st.…)", lambda: "st." + r(AN, 24) + "." + hx(32) + "." + hx(32)),
    F("grafana-cloud-token", "GRAFANA_CLOUD_TOKEN", "Grafana Cloud access policy tokens (glc_)",
      lambda: "glc_eyJvIjoi" + r(AN, 80)),
    F("grafana-service-account-token", "GRAFANA_SA_TOKEN", "Grafana service account tokens (glsa_32_8 hex)",
      lambda: "glsa_" + r(AN, 32) + "_" + hx(8)),
    F("grafana-api-key", "GRAFANA_API_KEY", "Grafana legacy API keys (eyJrIjoi…)", lambda: "eyJrIjoi" + r(AN, 80)),
    F("datadog-api-key", "DD_API_KEY", "Datadog docs 'API keys' (32 hex)", lambda: hx(32)),
    F("datadog-app-key", "DD_APP_KEY", "Datadog docs 'application keys' (40 hex)", lambda: hx(40)),
    F("newrelic-user-api-key", "NEW_RELIC_API_KEY", "New Relic user keys (NRAK-27)", lambda: "NRAK-" + r(UPD, 27)),
    F("newrelic-insert-key", "NEW_RELIC_INSERT_KEY", "New Relic insert keys (NRII-32)", lambda: "NRII-" + r(AN_, 32)),
    F("newrelic-browser-key", "NEW_RELIC_BROWSER_KEY", "New Relic browser keys (NRJS-19 hex)", lambda: "NRJS-" + hx(19)),
    F("newrelic-license-key", "NEW_RELIC_LICENSE_KEY", "New Relic ingest license keys (36 hex + NRAL)", lambda: hx(36) + "NRAL"),
    F("sentry-user-token", "SENTRY_USER_TOKEN", "Sentry user auth tokens (sntryu_ + 64 hex)", lambda: "sntryu_" + hx(64)),
    F("sentry-org-token", "SENTRY_ORG_TOKEN", "Sentry org auth tokens (sntrys_eyJ…_43)",
      lambda: "sntrys_eyJ" + r(AN, 90) + "_" + r(B64, 43)),
    F("sentry-auth-token", "SENTRY_AUTH_TOKEN", "Sentry legacy auth tokens (64 hex)", lambda: hx(64)),
    F("posthog-personal-api-key", "POSTHOG_PERSONAL_API_KEY", "PostHog personal API keys (phx_ + 43)", lambda: "phx_" + r(AN, 43)),
    F("dynatrace-api-token", "DT_API_TOKEN", "Dynatrace docs 'token format' (dt0c01.24.64)",
      lambda: "dt0c01." + r(UPD, 24) + "." + r(UPD, 64)),
    F("honeycomb-api-key", "HONEYCOMB_API_KEY", "Honeycomb ingest keys (hcaik_…)", lambda: "hcaik_" + r(AN, 58)),
    F("splunk-hec-token", "SPLUNK_HEC_TOKEN", "Splunk HEC tokens (UUID)", uuid),
    F("elastic-api-key", "ELASTIC_API_KEY", "Elasticsearch API keys (base64 id:key)", lambda: r(AN, 58) + "=="),
    F("databricks-token", "DATABRICKS_TOKEN", "Databricks PATs (dapi + 32 hex)", lambda: "dapi" + hx(32)),
    F("sidekiq-secret", "BUNDLE_ENTERPRISE__CONTRIBSYS__COM", "Sidekiq Enterprise gem source credentials",
      lambda: hx(8) + ":" + hx(8)),
    F("age-secret-key", "SOPS_AGE_KEY", "age spec (AGE-SECRET-KEY-1 + 58 bech32)",
      lambda: "AGE-SECRET-KEY-1" + r(BECH32, 58)),
    F("discord-bot-token", "DISCORD_BOT_TOKEN", "Discord bot tokens (three base64url parts)",
      lambda: rnd.choice("MNO") + r(AN_, 25) + "." + r(AN_, 6) + "." + r(AN_, 38)),
    F("discord-webhook", "DISCORD_WEBHOOK_URL", "Discord docs 'webhooks' (api/webhooks/id/token)",
      lambda: "https://discord.com/api/webhooks/" + r(DIGITS, 18) + "/" + r(AN_, 68)),
    F("discord-client-secret", "DISCORD_CLIENT_SECRET", "Discord OAuth2 client secrets (32)", lambda: r(AN_, 32)),
    F("telegram-bot-token", "TELEGRAM_BOT_TOKEN", "Telegram Bot API docs (id:AA + 33)",
      lambda: r(DIGITS, 10) + ":AA" + r(AN_, 33)),
    F("microsoft-teams-webhook", "TEAMS_WEBHOOK_URL", "Microsoft Teams incoming webhook URLs",
      lambda: "https://acme.webhook.office.com/webhookb2/" + uuid() + "@" + uuid() + "/IncomingWebhook/" + hx(32) + "/" + uuid()),
    F("power-automate-webhook", "TEAMS_WORKFLOW_URL", "Power Automate HTTP trigger URLs (…logic.azure.com…&sig=)",
      lambda: "https://prod-12.westeurope.logic.azure.com:443/workflows/" + hx(32) + "/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + r(AN_, 43)),
    F("mailgun-api-key", "MAILGUN_API_KEY", "Mailgun API keys (key- + 32 hex)", lambda: "key-" + hx(32)),
    F("mailchimp-api-key", "MAILCHIMP_API_KEY", "Mailchimp API keys (32 hex-usN)", lambda: hx(32) + "-us" + str(rnd.randint(1, 21))),
    F("mandrill-api-key", "MANDRILL_API_KEY", "Mandrill API keys (md- + 22)", lambda: "md-" + r(AN_, 22)),
    F("brevo-api-key", "BREVO_API_KEY", "Brevo API keys (xkeysib-64 hex-16)", lambda: "xkeysib-" + hx(64) + "-" + r(AN, 16)),
    F("brevo-smtp-key", "BREVO_SMTP_KEY", "Brevo SMTP keys (xsmtpsib-)", lambda: "xsmtpsib-" + hx(64) + "-" + r(AN, 16)),
    F("postmark-server-token", "POSTMARK_SERVER_TOKEN", "Postmark server tokens (UUID)", uuid),
    F("sparkpost-api-key", "SPARKPOST_API_KEY", "SparkPost API keys (40 hex)", lambda: hx(40)),
    F("braintree-access-token", "BRAINTREE_ACCESS_TOKEN", "Braintree access tokens (access_token$production$…)",
      lambda: "access_token$production$" + r(LOWER + DIGITS, 16) + "$" + hx(32)),
    F("braintree-sandbox-access-token", "BRAINTREE_SANDBOX_TOKEN", "Braintree sandbox access tokens",
      lambda: "access_token$sandbox$" + r(LOWER + DIGITS, 16) + "$" + hx(32)),
    F("braintree-private-key", "BRAINTREE_PRIVATE_KEY", "Braintree private keys (32 hex)", lambda: hx(32)),
    F("paypal-client-secret", "PAYPAL_CLIENT_SECRET", "PayPal REST client secrets (80)", lambda: r(AN_, 80)),
    F("square-access-token", "SQUARE_ACCESS_TOKEN", "Square access tokens (EAAA + 60)", lambda: "EAAA" + r(AN_, 60)),
    F("square-oauth-secret", "SQUARE_APP_SECRET", "Square docs 'OAuth application secret' (sq0csp- + 43)",
      lambda: "sq0csp-" + r(AN_, 43)),
    F("shopify-access-token", "SHOPIFY_ACCESS_TOKEN", "Shopify tokens (shpat_ + 32 hex)", lambda: "shpat_" + hx(32)),
    F("shopify-custom-app-token", "SHOPIFY_CUSTOM_APP_TOKEN", "Shopify access token prefixes (shpca_)", lambda: "shpca_" + hx(32)),
    F("shopify-private-app-token", "SHOPIFY_PRIVATE_APP_TOKEN", "Shopify access token prefixes (shppa_)", lambda: "shppa_" + hx(32)),
    F("shopify-shared-secret", "SHOPIFY_SHARED_SECRET", "Shopify access token prefixes (shpss_)", lambda: "shpss_" + hx(32)),
    F("woocommerce-consumer-key", "WOOCOMMERCE_CONSUMER_KEY", "WooCommerce REST API docs (ck_ + 40 hex)", lambda: "ck_" + hx(40)),
    F("woocommerce-consumer-secret", "WOOCOMMERCE_CONSUMER_SECRET", "WooCommerce REST API docs (cs_ + 40 hex)", lambda: "cs_" + hx(40)),
    F("adyen-api-key", "ADYEN_API_KEY", "Adyen API keys (AQE…)", lambda: "AQE" + r(AN, 100)),
    F("adyen-hmac-key", "ADYEN_HMAC_KEY", "Adyen webhook HMAC keys (64 upper hex)", lambda: r("0123456789ABCDEF", 64)),
    F("plaid-access-token", "PLAID_ACCESS_TOKEN", "Plaid access tokens (access-production-UUID)",
      lambda: "access-production-" + uuid()),
    F("plaid-secret", "PLAID_SECRET", "Plaid secrets (30 hex)", lambda: hx(30)),
    F("coinbase-api-secret", "COINBASE_API_SECRET", "Coinbase API secrets (64)", lambda: r(AN, 64)),
    F("flutterwave-secret-key", "FLW_SECRET_KEY", "Flutterwave secret keys (FLWSECK-32-X)",
      lambda: "FLWSECK-" + r("abcdef0123456789", 32) + "-X"),
    F("flutterwave-encryption-key", "FLW_ENCRYPTION_KEY", "Flutterwave encryption keys (FLWSECK + 12)",
      lambda: "FLWSECK" + r("abcdef0123456789", 12)),
    F("razorpay-key-secret", "RAZORPAY_KEY_SECRET", "Razorpay key secrets (24)", lambda: r(AN, 24)),
    F("razorpay-live-key-id", "RAZORPAY_KEY_ID", "Razorpay live key IDs (rzp_live_ + 14)", lambda: "rzp_live_" + r(AN, 14)),
    F("huggingface-token", "HF_TOKEN", "Hugging Face user access tokens (hf_ + 34 letters)",
      lambda: "hf_" + r(string.ascii_letters, 34)),
    F("huggingface-org-token", "HF_ORG_TOKEN", "public token format (api_org_)", lambda: "api_org_" + r(string.ascii_letters, 34)),
    F("groq-api-key", "GROQ_API_KEY", "Groq API keys (gsk_ + 52)", lambda: "gsk_" + r(AN, 52)),
    F("cohere-api-key", "COHERE_API_KEY", "Cohere API keys (40 alphanumerics)", lambda: r(AN, 40)),
    F("replicate-api-token", "REPLICATE_API_TOKEN", "Replicate API tokens (r8_ + 37)", lambda: "r8_" + r(AN, 37)),
    F("perplexity-api-key", "PERPLEXITY_API_KEY", "Perplexity API keys (pplx- + 48)", lambda: "pplx-" + r(AN, 48)),
    F("xai-api-key", "XAI_API_KEY", "xAI API keys (xai- + 80)", lambda: "xai-" + r(AN, 80)),
    F("mistral-api-key", "MISTRAL_API_KEY", "Mistral API keys (32 alphanumerics)", lambda: r(AN, 32)),
    F("deepseek-api-key", "DEEPSEEK_API_KEY", "DeepSeek API keys (sk- + 32 hex)", lambda: "sk-" + hx(32)),
    F("pinecone-api-key", "PINECONE_API_KEY", "Pinecone API keys (pcsk_)", lambda: "pcsk_" + r(AN, 6) + "_" + r(AN, 64)),
    F("langsmith-api-key", "LANGSMITH_API_KEY", "LangSmith keys (lsv2_pt_32 hex_10 hex)", lambda: "lsv2_pt_" + hx(32) + "_" + hx(10)),
    F("notion-token", "NOTION_TOKEN", "Notion integration tokens (ntn_ + 11 digits + 35)",
      lambda: "ntn_" + r(DIGITS, 11) + r(AN, 35)),
    F("notion-legacy-token", "NOTION_API_KEY", "Notion legacy integration secrets (secret_ + 43)", lambda: "secret_" + r(AN, 43)),
    F("linear-api-key", "LINEAR_API_KEY", "Linear personal API keys (lin_api_ + 40)", lambda: "lin_api_" + r(AN, 40)),
    F("linear-oauth-token", "LINEAR_OAUTH_TOKEN", "Linear OAuth tokens (lin_oauth_ + 64 hex)", lambda: "lin_oauth_" + hx(64)),
    F("figma-token", "FIGMA_TOKEN", "Figma personal access tokens (figd_)", lambda: "figd_" + r(AN_, 40)),
    F("airtable-pat", "AIRTABLE_TOKEN", "Airtable PATs (pat14.64 hex)",
      lambda: "pat" + r(AN, 14) + "." + hx(64)),
    F("airtable-api-key", "AIRTABLE_API_KEY", "Airtable legacy API keys (key + 14)", lambda: "key" + r(AN, 14)),
    F("asana-pat", "ASANA_PAT", "Asana personal access tokens (1/16 digits:32 hex)", lambda: "1/" + r(DIGITS, 16) + ":" + hx(32)),
    F("clickup-api-token", "CLICKUP_API_TOKEN", "ClickUp personal tokens (pk_digits_32)",
      lambda: "pk_" + r(DIGITS, 8) + "_" + r(UPD, 32)),
    F("trello-api-token", "TRELLO_TOKEN", "Trello tokens (ATTA + 64 hex)", lambda: "ATTA" + hx(64)),
    F("dropbox-short-lived-token", "DROPBOX_ACCESS_TOKEN", "Dropbox short-lived tokens (sl.)",
      lambda: "sl.u." + r(AN_, 140)),
    F("dropbox-long-lived-token", "DROPBOX_TOKEN", "public token format (11 + AAAAAAAAAA + 43)",
      lambda: r(AN, 11) + "AAAAAAAAAA" + r(AN_, 43)),
    F("box-api-secret", "BOX_CLIENT_SECRET", "Box developer docs (32 alphanumerics)", lambda: r(AN, 32)),
    F("zendesk-api-token", "ZENDESK_API_TOKEN", "Zendesk API tokens (40 alphanumerics)", lambda: r(AN, 40)),
    F("intercom-access-token", "INTERCOM_ACCESS_TOKEN", "Intercom access tokens (base64 'tok:' = dG9rO…)", lambda: "dG9rO" + r(AN, 55)),
    F("hubspot-private-app-token", "HUBSPOT_ACCESS_TOKEN", "HubSpot private app tokens (pat-na1-UUID)", lambda: "pat-na1-" + uuid()),
    F("hubspot-api-key", "HUBSPOT_API_KEY", "HubSpot legacy API keys (UUID, hapikey)", uuid),
    F("freshdesk-api-key", "FRESHDESK_API_KEY", "Freshdesk API keys (20 alphanumerics)", lambda: r(AN, 20)),
    F("okta-api-token", "OKTA_API_TOKEN", "Okta API tokens (00 + 40)", lambda: "00" + r(AN_, 40)),
    F("auth0-client-secret", "AUTH0_CLIENT_SECRET", "Auth0 client secrets (64)", lambda: r(AN_, 64)),
    F("twitch-api-token", "TWITCH_CLIENT_SECRET", "Twitch client secrets (30 lower alphanumerics)",
      lambda: r(LOWER + DIGITS, 30)),
    F("twitter-bearer-token", "TWITTER_BEARER_TOKEN", "X app bearer tokens (22 A + 80-120)",
      lambda: "A" * 22 + r(AN, 90)),
    F("twitter-api-secret", "TWITTER_API_SECRET", "X API key secrets (50)", lambda: r(AN, 50)),
    F("facebook-access-token", "FB_ACCESS_TOKEN", "Meta Graph access tokens (EAA…)", lambda: "EAAG" + r(AN, 150)),
    F("facebook-app-secret", "FACEBOOK_APP_SECRET", "Meta app secrets (32 hex)", lambda: hx(32)),
    F("linkedin-client-secret", "LINKEDIN_CLIENT_SECRET", "LinkedIn client secrets (16)", lambda: r(AN, 16)),
    F("contentful-pat", "CONTENTFUL_MANAGEMENT_TOKEN", "Contentful CMA tokens (CFPAT- + 43)", lambda: "CFPAT-" + r(AN_, 43)),
    F("contentful-delivery-token", "CONTENTFUL_DELIVERY_TOKEN", "public token format (43)", lambda: r(AN_, 43)),
    F("algolia-admin-key", "ALGOLIA_ADMIN_KEY", "Algolia admin API keys (32 hex)", lambda: hx(32)),
    F("mapbox-secret-token", "MAPBOX_SECRET_TOKEN", "Mapbox secret tokens (sk.eyJ…)", lambda: "sk.eyJ1Ijoi" + r(AN_, 60) + "." + r(AN_, 22)),
    F("typeform-token", "TYPEFORM_TOKEN", "Typeform PATs (tfp_)", lambda: "tfp_" + r(AN_, 55)),
    F("postman-api-key", "POSTMAN_API_KEY", "Postman API keys (PMAK-24-34 hex)", lambda: "PMAK-" + hx(24) + "-" + hx(34)),
    F("supabase-access-token", "SUPABASE_ACCESS_TOKEN", "Supabase PATs (sbp_ + 40 hex)", lambda: "sbp_" + hx(40)),
    F("supabase-secret-key", "SUPABASE_SECRET_KEY", "Supabase secret API keys (sb_secret_)", lambda: "sb_secret_" + r(AN_, 32)),
    F("planetscale-token", "PLANETSCALE_SERVICE_TOKEN", "public token format (pscale_tkn_)", lambda: "pscale_tkn_" + r(AN_, 43)),
    F("planetscale-password", "PLANETSCALE_DB_PASSWORD", "public token format (pscale_pw_)", lambda: "pscale_pw_" + r(AN_, 43)),
    F("mongodb-atlas-private-key", "ATLAS_PRIVATE_KEY", "MongoDB Atlas API private keys (UUID)", uuid),
    F("neon-api-key", "NEON_API_KEY", "Neon API keys (napi_ + 64)", lambda: "napi_" + r(LOWER + DIGITS, 64)),
    F("upstash-token", "UPSTASH_REDIS_REST_TOKEN", "Upstash REST tokens", lambda: "A" + r(AN_, 59)),
    F("shippo-api-token", "SHIPPO_API_TOKEN", "Shippo tokens (shippo_live_ + 40 hex)", lambda: "shippo_live_" + hx(40)),
    F("easypost-api-key", "EASYPOST_API_KEY", "EasyPost production keys (EZAK + 54)", lambda: "EZAK" + r(AN, 54)),
    F("easypost-test-api-key", "EASYPOST_TEST_API_KEY", "EasyPost test keys (EZTK + 54)", lambda: "EZTK" + r(AN, 54)),
    F("lob-api-key", "LOB_API_KEY", "Lob secret keys (live_ + 35 hex)", lambda: "live_" + hx(35)),
    F("frameio-api-token", "FRAMEIO_TOKEN", "Frame.io developer tokens (fio-u- + 64)", lambda: "fio-u-" + r(AN_, 64)),
    F("yandex-api-key", "YC_API_KEY", "Yandex Cloud API keys (AQVN…)", lambda: "AQVN" + r(AN_, 36)),
    F("yandex-oauth-token", "YANDEX_OAUTH_TOKEN", "Yandex OAuth tokens (y0_ …)", lambda: "y0_" + r(AN_, 57)),
    F("sendbird-api-token", "SENDBIRD_API_TOKEN", "Sendbird API tokens (40 hex)", lambda: hx(40)),
    F("pusher-app-secret", "PUSHER_APP_SECRET", "Pusher app secrets (20 hex)", lambda: hx(20)),
    F("ably-api-key", "ABLY_API_KEY", "Ably API keys (app.key:secret)", lambda: r(AN_, 6) + "." + r(AN_, 6) + ":" + r(AN_, 43)),
    F("zoom-client-secret", "ZOOM_CLIENT_SECRET", "Zoom app client secrets (32)", lambda: r(AN, 32)),
    F("adobe-client-secret", "ADOBE_CLIENT_SECRET", "Adobe client secrets (p8e- + 32)", lambda: "p8e-" + r(AN_, 32)),
    F("beamer-api-key", "BEAMER_API_KEY", "Beamer API keys (b_ + 44)", lambda: "b_" + r(AN_, 44)),
    F("clojars-token", "CLOJARS_TOKEN", "Clojars deploy tokens (CLOJARS_ + 60)", lambda: "CLOJARS_" + r(AN, 60)),
    F("duffel-api-token", "DUFFEL_ACCESS_TOKEN", "Duffel tokens (duffel_live_ + 43)", lambda: "duffel_live_" + r(AN_, 43)),
    F("fastly-api-token", "FASTLY_API_TOKEN", "Fastly API tokens (32)", lambda: r(AN_, 32)),
    F("finicity-api-key", "FINICITY_APP_KEY", "Finicity app keys (32 hex)", lambda: hx(32)),
    F("freshbooks-access-token", "FRESHBOOKS_ACCESS_TOKEN", "public token format (64)", lambda: r(AN, 64)),
    F("gocardless-access-token", "GOCARDLESS_ACCESS_TOKEN", "GoCardless tokens (live_ + 40)",
      lambda: "live_" + r(AN_, 40)),
    F("kraken-api-secret", "KRAKEN_PRIVATE_KEY", "Kraken API private keys (base64, 88)", lambda: r(B64, 86) + "=="),
    F("kucoin-api-secret", "KUCOIN_API_SECRET", "KuCoin API secrets (UUID)", uuid),
    F("launchdarkly-access-token", "LAUNCHDARKLY_ACCESS_TOKEN", "LaunchDarkly API tokens (api-UUID)",
      lambda: "api-" + uuid()),
    F("mattermost-access-token", "MATTERMOST_ACCESS_TOKEN", "Mattermost tokens (26 lower alphanumerics)",
      lambda: r(LOWER + DIGITS, 26)),
    F("messagebird-api-key", "MESSAGEBIRD_API_KEY", "MessageBird access keys (25)", lambda: r(AN, 25)),
    F("nytimes-api-key", "NYTIMES_API_KEY", "NYT API keys (32)", lambda: r(AN_, 32)),
    F("octopus-deploy-api-key", "OCTOPUS_API_KEY", "Octopus Deploy API keys (API- + 26-32)",
      lambda: "API-" + r(UPD, 28)),
    F("prefect-api-key", "PREFECT_API_KEY", "Prefect Cloud keys (pnu_ + 36)", lambda: "pnu_" + r(AN, 36)),
    F("readme-api-key", "README_API_KEY", "ReadMe keys (rdme_ + 70)", lambda: "rdme_" + r(LOWER + DIGITS, 70)),
    F("scalingo-api-token", "SCALINGO_API_TOKEN", "Scalingo tokens (tk-us- + 48)", lambda: "tk-us-" + r(AN_, 48)),
    F("sumologic-access-key", "SUMO_ACCESS_KEY", "Sumo Logic access keys (64)", lambda: r(AN, 64)),
    F("database-url", "DATABASE_URL", "libpq / MongoDB / Redis / AMQP connection URIs with a password",
      lambda: rnd.choice(["postgresql", "mysql", "mongodb+srv", "rediss", "amqps"]) + "://app_" + r(LOWER, 5) + ":" + password() + "@db-" + r(LOWER, 4) + ".internal.acme.io/app"),
    F("url-credentials", "UPSTREAM_URL", "RFC 3986 userinfo in http/ftp/smtp/ldap URLs",
      lambda: rnd.choice(["https", "ftp", "smtp", "ldaps", "sftp", "wss"]) + "://svc_" + r(LOWER, 5) + ":" + password() + "@files.acme-" + r(LOWER, 4) + ".net/"),
    F("jdbc-url-password", "JDBC_URL", "JDBC driver docs (SQL Server/Oracle ;password=)",
      lambda: "jdbc:sqlserver://db" + r(DIGITS, 2) + ".acme.local:1433;databaseName=orders;user=app;password=" + password()),
    F("generic-password", "DB_PASSWORD", "hard-coded password in a password-named variable", password, rule="generic-secret-assignment"),
    F("generic-secret-camel", "secretAccessKey", "AWS SDK for JavaScript config key secretAccessKey (issue 12)", lambda: r(B64, 40),
      rule="aws-secret-access-key"),
    F("generic-client-secret", "OAUTH_CLIENT_SECRET", "OAuth 2.0 client_secret (RFC 6749)", lambda: r(AN_, 40),
      rule="generic-secret-assignment"),
    F("generic-api-key", "PAYMENTS_API_KEY", "an API key under an api_key name", lambda: r(AN, 32), rule="generic-secret-assignment"),
    F("generic-signing-secret", "JWT_SIGNING_SECRET", "HMAC signing secret under a secret name", lambda: r(AN + "+/", 48), rule="generic-secret-assignment"),
    F("generic-passphrase", "GPG_PASSPHRASE", "passphrase-named variable", lambda: "-".join(rnd.choice(["amber", "ridge", "copper", "willow", "harbor", "falcon", "ember", "quartz"]) for _ in range(4)) + r(DIGITS, 2),
      rule="generic-secret-assignment"),
    # Formats devskyy had no rule for when the corpus was written (the yardstick's growth edge);
    # rule None where it still has none.
    F("tencent-secret-id", "TENCENTCLOUD_SECRET_ID", "Tencent Cloud SecretId (AKID + 32)", lambda: "AKID" + r(AN, 32), rule="same"),
    F("adafruit-io-key", "ADAFRUIT_IO_KEY", "Adafruit IO keys (aio_ + 28)", lambda: "aio_" + r(AN, 28), rule="same"),
    F("harness-pat", "HARNESS_API_KEY", "Harness PATs (pat.22.24.20); gitleaks detector harness-api-key",
      lambda: "pat." + r(AN_, 22) + "." + r(AN, 24) + "." + r(AN, 20), rule="same"),
    F("openshift-token", "OPENSHIFT_TOKEN", "OpenShift user tokens (sha256~ + 43)",
      lambda: "sha256~" + r(AN_, 43), rule="same"),
    F("infracost-token", "INFRACOST_API_KEY", "Infracost API keys (ico- + 32)", lambda: "ico-" + r(AN, 32), rule="same"),
    F("deno-deploy-token", "DENO_DEPLOY_TOKEN", "Deno Deploy access tokens (ddp_ + 36)", lambda: "ddp_" + r(AN, 36), rule="same"),
    F("mailjet-secret", "MAILJET_SECRET_KEY", "Mailjet API docs (API key + secret key, 32 hex)", lambda: hx(32), rule="mailjet-secret-key"),
    F("rollbar-token", "ROLLBAR_ACCESS_TOKEN", "Rollbar project access tokens (32 hex)", lambda: hx(32), rule="rollbar-access-token"),
    F("pagerduty-key", "PAGERDUTY_API_KEY", "PagerDuty REST API keys (20 characters)", lambda: "u+" + r(AN_, 18), rule="pagerduty-api-key"),
    F("opsgenie-key", "OPSGENIE_API_KEY", "Opsgenie API keys (UUID)", uuid, rule="opsgenie-api-key"),
    F("zapier-webhook", "ZAPIER_HOOK", "Zapier catch hook URLs (hooks.zapier.com/hooks/catch/id/key/)",
      lambda: "https://hooks.zapier.com/hooks/catch/" + r(DIGITS, 7) + "/" + r(LOWER + DIGITS, 6) + "/", rule="same"),
    F("mattermost-webhook", "MATTERMOST_HOOK", "Mattermost incoming webhooks (/hooks/ + 26)", lambda: "https://chat.acme-" + r(LOWER, 4) + ".io/hooks/" + r(LOWER + DIGITS, 26),
      rule="same"),
    F("gitea-token", "GITEA_TOKEN", "Gitea / Forgejo access tokens (40 hex)", lambda: hx(40), rule="gitea-access-token"),
    F("confluent-secret", "CONFLUENT_CLOUD_API_SECRET", "Confluent Cloud API secrets (64)", lambda: r(AN + "+/", 64), rule="confluent-api-secret"),
    F("meraki-key", "MERAKI_DASHBOARD_API_KEY", "Cisco Meraki API keys (40 hex)", lambda: hx(40), rule="meraki-api-key"),
    F("segment-write-key", "SEGMENT_WRITE_KEY", "Segment source write keys (32)", lambda: r(AN, 32), rule="same"),
    F("bugsnag-key", "BUGSNAG_API_KEY", "Bugsnag notifier API keys (32 hex)", lambda: hx(32), rule="bugsnag-api-key"),
    F("loggly-token", "LOGGLY_CUSTOMER_TOKEN", "Loggly customer tokens (UUID)", uuid, rule="loggly-customer-token"),
    F("laravel-app-key", "APP_KEY", "Laravel APP_KEY (base64: + 32 random bytes)", lambda: "base64:" + base64.b64encode(rnd.randbytes(32)).decode(), rule="same"),
]

# ---------------------------------------------------------------------------------------------------
# Formats: a file kind, its header and footer, and how a NAME = value assignment reads in it.
# ---------------------------------------------------------------------------------------------------
SERVICES = ["billing", "search", "ingest", "accounts", "mailer", "reports", "gateway", "worker", "notifier", "payments",
            "catalog", "media", "ledger", "sync", "audit", "checkout", "profile", "alerts"]


def snake(n): return n.lower()
def kebab(n): return n.lower().replace("_", "-")
def dotted(n): return n.lower().replace("_", ".")


def camel(n):
    if "_" not in n and not n.isupper():
        return n
    parts = n.lower().split("_")
    return parts[0] + "".join(p.title() for p in parts[1:] if p)


def pascal(n):
    c = camel(n)
    return c[0].upper() + c[1:]


def screaming(n):
    return n if n.isupper() else "".join("_" + ch if ch.isupper() else ch.upper() for ch in n)


def j(v):
    """The value as it sits inside a JSON string (json.dumps without the quotes)."""
    return json.dumps(v)[1:-1]


FORMATS = {
    "env": ("{svc}/.env", ["# {svc} service, local overrides"], lambda n, v: f"{screaming(n)}={v}", []),
    "env-production": ("{svc}/.env.production", ["NODE_ENV=production"], lambda n, v: f'{screaming(n)}="{v}"', []),
    "yaml": ("config/{svc}/application.yml", ["{svc}:", "  settings:"], lambda n, v: f'    {kebab(n)}: "{v}"', []),
    "helm": ("helm/{svc}/values.yaml", ["replicaCount: 2", "secrets:"], lambda n, v: f"  {camel(n)}: {v}", []),
    "json": ("config/{svc}/appsettings.json", ["{", '  "Service": "{svc}",'], lambda n, v: f'  "{pascal(n)}": "{j(v)}",',
             ['  "Logging": "Information"', "}"]),
    "package-json": ("js/{svc}/config.json", ["{"], lambda n, v: f'  "{camel(n)}": "{j(v)}",', ['  "port": 8080', "}"]),
    "properties": ("java/{svc}/src/main/resources/application.properties", ["server.port=8080"],
                   lambda n, v: f"{dotted(n)}={v}", []),
    "ini": ("config/{svc}/settings.ini", ["[{svc}]", "timeout = 30"], lambda n, v: f"{snake(n)} = {v}", []),
    "toml": ("config/{svc}/config.toml", ["[{svc}]", 'region = "eu-west-1"'], lambda n, v: f'{snake(n)} = "{v}"', []),
    "xml": ("dotnet/{svc}/Web.config", ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <appSettings>"],
            lambda n, v: f'    <add key="{pascal(n)}" value="{v}" />', ["  </appSettings>", "</configuration>"]),
    "python": ("python/{svc}/settings.py", ['"""Settings for the {svc} service."""', "import os", ""],
               lambda n, v: f'{screaming(n)} = "{v}"', []),
    "python-dict": ("python/{svc}/clients.py", ["CLIENT_OPTIONS = {"], lambda n, v: f'    "{snake(n)}": "{v}",', ["}"]),
    "js": ("js/{svc}/config.js", ["'use strict';", "module.exports = {"], lambda n, v: f"  {camel(n)}: '{v}',",
           ["  region: 'eu-west-1',", "};"]),
    "ts": ("ts/{svc}/env.ts", ["// generated from the {svc} vault export"], lambda n, v: f'export const {camel(n)} = "{v}";', []),
    "java": ("java/{svc}/src/main/java/com/acme/Keys.java", ["package com.acme;", "", "final class Keys {"],
             lambda n, v: f'    static final String {screaming(n)} = "{v}";', ["}"]),
    "kotlin": ("kotlin/{svc}/Secrets.kt", ["package com.acme", "", "object Secrets {"], lambda n, v: f'    const val {screaming(n)} = "{v}"', ["}"]),
    "go": ("go/{svc}/config.go", ["package config", "", "const ("], lambda n, v: f'\t{camel(n)} = "{v}"', [")"]),
    "ruby": ("ruby/{svc}/config/initializers/keys.rb", ["# frozen_string_literal: true"],
             lambda n, v: f"Rails.application.config.{snake(n)} = '{v}'", []),
    "php": ("php/{svc}/config.php", ["<?php"], lambda n, v: f"$config['{snake(n)}'] = '{v}';", []),
    "csharp": ("dotnet/{svc}/Settings.cs", ["namespace Acme;", "", "public static class Settings", "{"],
               lambda n, v: f'    public const string {pascal(n)} = "{v}";', ["}"]),
    "rust": ("rust/{svc}/src/keys.rs", ["// keys for {svc}"], lambda n, v: f'pub const {screaming(n)}: &str = "{v}";', []),
    "shell": ("shell/{svc}/deploy.sh", ["#!/bin/sh", "set -eu"], lambda n, v: f'export {screaming(n)}="{v}"', ["exec ./run"]),
    "dockerfile": ("docker/{svc}/Dockerfile", ["FROM debian:12-slim", "WORKDIR /app"], lambda n, v: f"ENV {screaming(n)}={v}",
                   ['CMD ["./server"]']),
    "compose": ("docker/{svc}/docker-compose.yml", ["services:", "  {svc}:", "    image: acme/{svc}:1.4", "    environment:"],
                lambda n, v: f'      {screaming(n)}: "{v}"', []),
    "github-actions": ("ci/{svc}/.github/workflows/deploy.yml",
                       ["name: deploy", "on: push", "jobs:", "  deploy:", "    runs-on: ubuntu-latest", "    env:"],
                       lambda n, v: f"      {screaming(n)}: {v}", ["    steps:", "      - uses: actions/checkout@v4", "      - run: make deploy"]),
    "gitlab-ci": ("ci/{svc}/.gitlab-ci.yml", ["variables:"], lambda n, v: f'  {screaming(n)}: "{v}"',
                  ["deploy:", "  script:", "    - make deploy"]),
    "terraform": ("terraform/{svc}/main.tf", ["locals {"], lambda n, v: f'  {snake(n)} = "{v}"', ["}"]),
    "notebook": ("notebooks/{svc}.ipynb",
                 ["{", ' "cells": [', "  {", '   "cell_type": "code",', '   "execution_count": null,', '   "metadata": {},',
                  '   "outputs": [],', '   "source": ['],
                 lambda n, v: f'    "{snake(n)} = \\"{j(v)}\\"\\n",',
                 ['    "print(\\"ready\\")"', "   ]", "  }", " ],", ' "metadata": {},', ' "nbformat": 4,', ' "nbformat_minor": 5', "}"]),
}
PER_FILE = 14


class Corpus:
    def __init__(self):
        self.files = {}      # path -> list of lines
        self.footers = {}    # path -> footer lines
        self.labels = []
        self.open = {}       # format -> (path, count)
        self.used_services = {}

    def new_file(self, fmt):
        template, header, _, footer = FORMATS[fmt]
        index = self.used_services.get(fmt, 0)
        self.used_services[fmt] = index + 1
        svc = SERVICES[index % len(SERVICES)] + ("" if index < len(SERVICES) else str(index // len(SERVICES)))
        path = template.replace("{svc}", svc)
        self.files[path] = [h.replace("{svc}", svc) for h in header]
        self.footers[path] = footer
        self.open[fmt] = (path, 0)
        return path

    def assign(self, fmt, name, value, family, kind, rule, source):
        path, count = self.open.get(fmt, (None, PER_FILE))
        if count >= PER_FILE:
            path = self.new_file(fmt)
            count = 0
        self.open[fmt] = (path, count + 1)
        line = FORMATS[fmt][2](name, value)
        self.add(path, line, family, kind, rule, source, j(value) if fmt in ("json", "package-json", "notebook") else value)

    def add(self, path, line, family=None, kind=None, rule=None, source=None, value=None, span=1):
        lines = self.files.setdefault(path, [])
        start = len(lines) + 1
        lines.extend(line.split("\n"))
        if family:
            self.labels.append({"path": path, "line": start, "end_line": start + span - 1, "family": family, "kind": kind,
                                "rule": rule, "value": value, "source": source})

    def filler(self, path, line):
        self.files.setdefault(path, []).append(line)

    def write(self, out):
        root = os.path.join(out, "files")
        shutil.rmtree(root, ignore_errors=True)
        for path, lines in sorted(self.files.items()):
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8", newline="\n") as f:
                f.write("\n".join(lines + self.footers.get(path, [])) + "\n")


FORMAT_NAMES = list(FORMATS)


def plant_portable(corpus, per_family=3):
    turn = 0
    for fam in PORTABLE:
        for _ in range(per_family):
            fmt = FORMAT_NAMES[turn % len(FORMAT_NAMES)]
            turn += 1
            corpus.assign(fmt, fam["name"], fam["make"](), fam["family"], "secret", fam["rule"], fam["source"])


# ---------------------------------------------------------------------------------------------------
# Formats with a shape of their own: credential files, manifests, keys, command lines, SQL, HTTP.
# ---------------------------------------------------------------------------------------------------
def b64_lines(text, width=64):
    return [text[i:i + width] for i in range(0, len(text), width)]


def pem_body(n_bytes):
    return b64_lines(base64.b64encode(rnd.randbytes(n_bytes)).decode())


def plant_special(c):
    S = "secret"
    for i in range(3):
        # ~/.aws/credentials (AWS CLI docs "configuration and credential file settings")
        path = f"home/user{i}/.aws/credentials"
        c.filler(path, "[default]")
        key_id, secret = "AKIA" + r(UPPER + "234567", 16), r(B64, 40)
        c.add(path, f"aws_access_key_id = {key_id}", "aws-access-key-id", S, "aws-access-key-id", "AWS CLI credentials file", key_id)
        c.add(path, f"aws_secret_access_key = {secret}", "aws-secret-access-key", S, "aws-secret-access-key", "AWS CLI credentials file", secret)
        c.filler(path, "")
        c.filler(path, "[ci]")
        session_id, token = "ASIA" + r(UPPER + "234567", 16), "FwoGZXIvYXdzE" + r(B64, 320)
        c.add(path, f"aws_access_key_id = {session_id}", "aws-access-key-id", S, "aws-access-key-id", "AWS STS temporary credentials", session_id)
        c.filler(path, "aws_secret_access_key = " + (secret2 := r(B64, 40)))
        c.labels.append({"path": path, "line": len(c.files[path]), "end_line": len(c.files[path]), "family": "aws-secret-access-key",
                         "kind": S, "rule": "aws-secret-access-key", "value": secret2, "source": "AWS STS temporary credentials"})
        c.add(path, f"aws_session_token = {token}", "aws-session-credentials", S, "aws-session-credentials", "AWS STS temporary credentials", token)

        # ~/.docker/config.json (Docker docs "docker login": auths.<registry>.auth is base64 user:password)
        path = f"home/user{i}/.docker/config.json"
        auth = base64.b64encode(f"deploy{i}:{password()}".encode()).decode()
        c.filler(path, "{")
        c.filler(path, '  "auths": {')
        c.filler(path, f'    "registry.acme-{i}.io": {{')
        c.add(path, f'      "auth": "{auth}"', "docker-config-auth", S, "docker-config-auth", "Docker docs: config.json auths", auth)
        c.filler(path, "    }")
        c.filler(path, "  },")
        c.filler(path, '  "credsStore": "pass"')
        c.filler(path, "}")

        # .npmrc (npm docs "npmrc": //registry/:_authToken, _auth, _password)
        path = f"js/pkg{i}/.npmrc"
        c.filler(path, "registry=https://registry.npmjs.org/")
        tok = r(AN_, 40)
        c.add(path, f"//npm.acme-{i}.io/:_authToken={tok}", "npm-registry-auth", S, "npm-registry-auth", "npm docs: .npmrc _authToken", tok)
        basic = base64.b64encode(f"ci:{password()}".encode()).decode()
        c.add(path, f"//nexus.acme-{i}.io/repository/npm/:_auth={basic}", "npm-registry-auth", S, "npm-registry-auth", "npm docs: .npmrc _auth", basic)
        c.filler(path, "always-auth=true")
        # .yarnrc.yml (Yarn Berry docs: npmAuthToken)
        path = f"js/pkg{i}/.yarnrc.yml"
        c.filler(path, "nodeLinker: node-modules")
        c.filler(path, "npmScopes:")
        c.filler(path, "  acme:")
        tok = r(AN_, 36)
        c.add(path, f"    npmAuthToken: {tok}", "npm-registry-auth", S, "npm-registry-auth", "Yarn docs: .yarnrc.yml npmAuthToken", tok)

        # NuGet.config (NuGet docs "nuget.config reference": packageSourceCredentials ClearTextPassword)
        path = f"dotnet/feed{i}/NuGet.config"
        pw = password()
        for line in ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <packageSourceCredentials>", "    <AcmeFeed>",
                     '      <add key="Username" value="build" />']:
            c.filler(path, line)
        c.add(path, f'      <add key="ClearTextPassword" value="{pw}" />', "nuget-config-password", S, "nuget-config-password",
              "NuGet docs: nuget.config packageSourceCredentials", pw)
        for line in ["    </AcmeFeed>", "  </packageSourceCredentials>", "</configuration>"]:
            c.filler(path, line)

        # Maven settings.xml (Maven docs "settings reference": servers/server/password)
        path = f"java/build{i}/settings.xml"
        pw = password()
        for line in ["<settings>", "  <servers>", "    <server>", f"      <id>acme-releases-{i}</id>", "      <username>deployer</username>"]:
            c.filler(path, line)
        c.add(path, f"      <password>{pw}</password>", "maven-settings-password", S, "maven-settings-password", "Maven docs: settings.xml servers", pw)
        for line in ["    </server>", "  </servers>", "</settings>"]:
            c.filler(path, line)

        # kubeconfig (Kubernetes docs "organizing cluster access": users.user.client-key-data, token)
        path = f"k8s/cluster{i}/kubeconfig"
        key_pem = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(pem_body(600)) + "\n-----END RSA PRIVATE KEY-----\n"
        key_data = base64.b64encode(key_pem.encode()).decode()
        for line in ["apiVersion: v1", "kind: Config", "users:", f"- name: admin-{i}", "  user:",
                     "    client-certificate-data: " + base64.b64encode(b"-----BEGIN CERTIFICATE-----\n" + rnd.randbytes(300)).decode()]:
            c.filler(path, line)
        c.add(path, f"    client-key-data: {key_data}", "kubeconfig-client-key", S, "kubeconfig-client-key", "Kubernetes docs: kubeconfig users", key_data)
        c.filler(path, f"- name: ci-{i}")
        c.filler(path, "  user:")
        tok = jwt()
        c.add(path, f"    token: {tok}", "kubeconfig-token", S, "jwt", "Kubernetes docs: kubeconfig user token (a service-account JWT)", tok)

        # Kubernetes Secret manifest (Kubernetes docs "Secrets": data is base64, stringData is plain)
        path = f"k8s/cluster{i}/secret.yaml"
        for line in ["apiVersion: v1", "kind: Secret", "metadata:", f"  name: db-credentials-{i}", "type: Opaque", "data:"]:
            c.filler(path, line)
        val = base64.b64encode(password().encode()).decode()
        c.add(path, f"  password: {val}", "kubernetes-secret", S, "kubernetes-secret", "Kubernetes docs: Secret data", val)
        path = f"k8s/cluster{i}/api-secret.yaml"
        for line in ["apiVersion: v1", "kind: Secret", "metadata:", f"  name: api-{i}", "stringData:"]:
            c.filler(path, line)
        val = r(AN, 32)
        c.add(path, f"  api-token: {val}", "kubernetes-secret", S, "kubernetes-secret", "Kubernetes docs: Secret stringData", val)

        # kubeadm join (Kubernetes docs "kubeadm join": --token [a-z0-9]{6}.[a-z0-9]{16})
        path = f"k8s/cluster{i}/join-node.sh"
        tok = r(LOWER + DIGITS, 6) + "." + r(LOWER + DIGITS, 16)
        c.filler(path, "#!/bin/sh")
        c.add(path, f"kubeadm join 10.0.{i}.10:6443 --token {tok} --discovery-token-ca-cert-hash sha256:{hx(64)}",
              "kubernetes-bootstrap-token", S, "kubernetes-bootstrap-token", "Kubernetes docs: kubeadm join --token", tok)

        # Google Cloud service-account key file (Google Cloud docs "service account keys")
        path = f"gcp/project{i}/service-account.json"
        key = "-----BEGIN PRIVATE KEY-----\\n" + "\\n".join(pem_body(900)) + "\\n-----END PRIVATE KEY-----\\n"
        for line in ["{", '  "type": "service_account",', f'  "project_id": "acme-prod-{i}",', f'  "private_key_id": "{hx(40)}",']:
            c.filler(path, line)
        c.add(path, f'  "private_key": "{key}",', "gcp-service-account", S, "gcp-service-account", "Google Cloud docs: service account key JSON",
              "-----BEGIN PRIVATE KEY-----")
        for line in [f'  "client_email": "deployer@acme-prod-{i}.iam.gserviceaccount.com",', f'  "client_id": "{r(DIGITS, 21)}"', "}"]:
            c.filler(path, line)

    # PEM and OpenSSH private keys (RFC 7468, OpenSSH PROTOCOL.key, RFC 4880 armor)
    for i, kind in enumerate(["RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
                              "DSA PRIVATE KEY", "PGP PRIVATE KEY BLOCK", "RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY"]):
        path = ["keys/id_rsa", "keys/ec.pem", "keys/tls/server.key", "keys/id_ed25519", "keys/encrypted.p8", "keys/legacy_dsa.pem",
                "keys/release-signing.asc", "deploy/roles/web/files/site.key", "home/user0/.ssh/id_deploy", "src/test/resources/fixture.key"][i]
        body = pem_body(rnd.choice([120, 400, 1200]))
        block = [f"-----BEGIN {kind}-----"] + (["Version: GnuPG v2", ""] if "PGP" in kind else []) + body + [f"-----END {kind}-----"]
        c.add(path, "\n".join(block), "private-key", S, "private-key", "RFC 7468 / OpenSSH key file / RFC 4880 armor", f"-----BEGIN {kind}-----",
              span=len(block))

    # Command lines, SQL, HTTP headers, URLs in scripts and docs.
    for i in range(3):
        path = f"shell/ops{i}/runbook.sh"
        c.filler(path, "#!/usr/bin/env bash")
        c.filler(path, "set -euo pipefail")
        pw = password()
        c.add(path, f"curl -fsS -u admin:{pw} https://ci.acme-{i}.io/api/json", "curl-basic-auth", S, "curl-basic-auth", "curl manual: -u user:password", pw)
        pw = password()
        c.add(path, f"mysql -h db{i}.acme.local -u root -p{pw} orders < schema.sql", "cli-password-short-flag", S, "cli-password-short-flag",
              "MySQL manual: -p<password>", pw)
        pw = password()
        c.add(path, f"sshpass -p '{pw}' ssh deploy@10.1.{i}.4", "cli-password-short-flag", S, "cli-password-short-flag", "sshpass manual: -p password", pw)
        pw = password()
        c.add(path, f"mongodump --uri mongodb://db{i}.acme.local --username backup --password {pw} --out /backup", "cli-password-flag", S,
              "cli-password-flag", "mongodump docs: --password", pw)
        pw = password()
        c.add(path, f"openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout pass:{pw}", "cli-password-flag", S,
              "cli-password-flag", "OpenSSL passphrase arguments: pass:password", pw)
        tok = r(AN, 40)
        c.add(path, f'curl -H "Authorization: Bearer {tok}" https://api.acme-{i}.io/v2/deploy', "http-bearer-token", S, "http-bearer-token",
              "RFC 6750 Authorization: Bearer", tok)
        basic = base64.b64encode(f"ops:{password()}".encode()).decode()
        c.add(path, f'curl -H "Authorization: Basic {basic}" https://nexus.acme-{i}.io/service/rest', "http-basic-auth", S, "http-basic-auth",
              "RFC 7617 Authorization: Basic", basic)

        path = f"sql/migrations/V{i + 1}__users.sql"
        pw = password()
        c.add(path, f"CREATE USER 'report_{i}'@'%' IDENTIFIED BY '{pw}';", "sql-password", S, "sql-password", "MySQL manual: CREATE USER … IDENTIFIED BY", pw)
        pw = password()
        c.add(path, f"CREATE ROLE app_{i} WITH LOGIN PASSWORD '{pw}';", "sql-password", S, "sql-password", "PostgreSQL manual: CREATE ROLE … PASSWORD", pw)
        pw = password()
        c.add(path, f"ALTER LOGIN svc_{i} WITH PASSWORD = '{pw}';", "sql-password", S, "sql-password", "SQL Server docs: ALTER LOGIN … WITH PASSWORD", pw)

        path = f"http/requests{i}.http"
        tok = r(AN_, 48)
        c.filler(path, f"GET https://api.acme-{i}.io/v1/orders")
        c.add(path, f"Authorization: Bearer {tok}", "http-bearer-token", S, "http-bearer-token", "RFC 6750 Authorization: Bearer", tok)
        c.filler(path, "Accept: application/json")

        path = f"nginx/site{i}.conf"
        basic = base64.b64encode(f"proxy:{password()}".encode()).decode()
        c.filler(path, "location /upstream/ {")
        c.add(path, f'    proxy_set_header Authorization "Basic {basic}";', "http-basic-auth", S, "http-basic-auth", "nginx proxy_set_header with RFC 7617 credentials", basic)
        c.filler(path, f"    proxy_pass http://backend{i}:8080;")
        c.filler(path, "}")

        # ~/.git-credentials (git docs "git-credential-store": https://user:token@host)
        path = f"home/user{i}/.git-credentials"
        tok = checksummed("ghp_")
        c.add(path, f"https://build-bot:{tok}@github.com", "url-credentials", S, "url-credentials", "git docs: git-credential-store file", tok)

        # Formats devskyy has no rule for yet.
        path = f"home/user{i}/.netrc"
        pw = password()
        c.add(path, f"machine ftp.acme-{i}.io login mirror password {pw}", "netrc-password", S, "netrc-password", "GNU inetutils / curl docs: .netrc", pw)
        path = f"home/user{i}/.pgpass"
        pw = password()
        c.add(path, f"db{i}.acme.local:5432:orders:report:{pw}", "pgpass-password", S, "pgpass-password", "PostgreSQL docs: the password file", pw)
        path = f"home/user{i}/.pypirc"
        pw = password()
        for line in ["[distutils]", "index-servers = acme", "", "[acme]", f"repository = https://pypi.acme-{i}.io/", "username = uploader"]:
            c.filler(path, line)
        c.add(path, f"password = {pw}", "pypirc-password", S, "pypirc-password", "PyPA docs: the .pypirc file", pw)
        path = f"home/user{i}/.s3cfg"
        c.filler(path, "[default]")
        c.filler(path, "access_key = AKIA" + (kid := r(UPPER + "234567", 16)))
        c.labels.append({"path": path, "line": 2, "end_line": 2, "family": "aws-access-key-id", "kind": S, "rule": "aws-access-key-id",
                         "value": "AKIA" + kid, "source": "s3cmd docs: .s3cfg"})
        sk = r(B64, 40)
        c.add(path, f"secret_key = {sk}", "s3cfg-secret-key", S, "s3cfg-secret-key", "s3cmd docs: .s3cfg secret_key", sk)
        path = f"php/site{i}/wp-config.php"
        pw = password()
        c.filler(path, "<?php")
        c.filler(path, "define( 'DB_NAME', 'wordpress' );")
        c.add(path, f"define( 'DB_PASSWORD', '{pw}' );", "wordpress-db-password", S, None, "WordPress docs: wp-config.php DB_PASSWORD", pw)
        salt = r(AN + "!@#%^&*()-_[]{}<>~+=,.;:/?|", 64)
        c.add(path, f"define( 'AUTH_KEY', '{salt}' );", "wordpress-auth-salt", S, "wordpress-auth-salt", "WordPress docs: wp-config.php authentication keys", salt)
        path = f"dotnet/api{i}/appsettings.Production.json"
        pw = password()
        c.filler(path, "{")
        c.filler(path, '  "ConnectionStrings": {')
        c.add(path, f'    "Orders": "Server=sql{i}.acme.local;Database=Orders;User Id=app;Password={pw};TrustServerCertificate=True"', "adonet-connection-string",
              S, "adonet-connection-string", "ADO.NET connection string syntax (Password=)", pw)
        c.filler(path, "  }")
        c.filler(path, "}")
        path = f"redis/redis{i}.conf"
        pw = r(AN, 32)
        c.filler(path, "port 6379")
        c.add(path, f"requirepass {pw}", "redis-requirepass", S, "redis-requirepass", "Redis docs: redis.conf requirepass", pw)
        path = f"ansible/inventory{i}/group_vars/all.yml"
        pw = password()
        c.filler(path, "ansible_user: deploy")
        c.add(path, f"ansible_become_pass: {pw}", "ansible-become-pass", S, None, "Ansible docs: ansible_become_pass connection variable", pw)
        path = f"keys/putty{i}.ppk"
        lines = ["PuTTY-User-Key-File-3: ssh-rsa", "Encryption: none", f"Comment: deploy-{i}", "Public-Lines: 6"] + pem_body(270)[:6]
        body = pem_body(600)[:14]
        for line in lines:
            c.filler(path, line)
        block = [f"Private-Lines: {len(body)}"] + body
        c.add(path, "\n".join(block), "putty-private-key", S, "putty-private-key", "PuTTY docs: PPK file format (Private-Lines)", "Private-Lines:", span=len(block))
        c.filler(path, "Private-MAC: " + hx(64))
        path = f"vpn/static{i}.key"
        block = ["-----BEGIN OpenVPN Static key V1-----"] + [hx(32) for _ in range(16)] + ["-----END OpenVPN Static key V1-----"]
        c.filler(path, "# 2048 bit OpenVPN static key")
        c.add(path, "\n".join(block), "openvpn-static-key", S, "openvpn-static-key", "OpenVPN docs: --secret static key file", "-----BEGIN OpenVPN Static key V1-----",
              span=len(block))
        path = f"wireguard/wg{i}.conf"
        key = base64.b64encode(rnd.randbytes(32)).decode()
        c.filler(path, "[Interface]")
        c.add(path, f"PrivateKey = {key}", "wireguard-private-key", S, "generic-secret-config", "WireGuard wg(8): PrivateKey", key)
        c.filler(path, f"Address = 10.8.{i}.1/24")


# ---------------------------------------------------------------------------------------------------
# Decoys: look-alikes a scanner should leave alone. (family, source, make) -> value; rendered through
# the same formats as secrets, under names that look secret.
# ---------------------------------------------------------------------------------------------------
def D(family, name, source, make):
    return {"family": family, "name": name, "source": source, "make": make}


def fake_run(prefix, ch, n):
    return prefix + ch * n


DECOYS = [
    D("placeholder-your-key", "API_KEY", "placeholder text", lambda: rnd.choice(["your-api-key-here", "YOUR_API_KEY", "your_token_here", "<your-api-key>"])),
    D("placeholder-angle", "CLIENT_SECRET", "placeholder text", lambda: rnd.choice(["<CLIENT_SECRET>", "<insert secret>", "<secret>"])),
    D("placeholder-changeme", "DB_PASSWORD", "placeholder text", lambda: rnd.choice(["changeme", "change-me-please", "CHANGEIT", "replace_me"])),
    D("placeholder-stars", "SMTP_PASSWORD", "masked value", lambda: rnd.choice(["********", "************", "xxxxxxxx", "XXXXXXXXXXXXXXXX"])),
    D("placeholder-fake-run", "GITHUB_TOKEN", "fake run of a real prefix", lambda: rnd.choice([
        fake_run("ghp_", "x", 36), fake_run("sk_live_", "X", 24), fake_run("AKIA", "X", 16), fake_run("xoxb-", "0", 11), "xoxb-my-bot-token",
        "xoxb-####-####", fake_run("glpat-", "x", 20), fake_run("npm_", "0", 36)])),
    D("placeholder-dummy", "SERVICE_TOKEN", "test fixture", lambda: rnd.choice(["dummy-token", "fake-secret-for-tests", "not-a-real-secret", "test1234",
                                                                                 "foobar123", "abc123abc123", "password123"])),
    D("template-shell", "DB_PASSWORD", "shell/Compose interpolation", lambda: rnd.choice(["${DB_PASSWORD}", "$DB_PASSWORD", "${DB_PASSWORD:-}", "$(cat /run/secrets/db)"])),
    D("template-jinja", "API_TOKEN", "Jinja/Helm/Go template", lambda: rnd.choice(["{{ api_token }}", "{{ .Values.apiToken }}", "{{ vault_api_token }}",
                                                                                   "{{ secrets.API_TOKEN }}"])),
    D("template-gha", "NPM_TOKEN", "GitHub Actions expression", lambda: "${{ secrets.NPM_TOKEN }}"),
    D("template-printf", "PASSWORD", "printf/ConfigParser interpolation", lambda: rnd.choice(["%(password)s", "%s", "%PASSWORD%"])),
    D("env-reference", "SECRET_KEY", "read from the environment", lambda: rnd.choice(["env:SECRET_KEY", "ENV[SECRET_KEY]", "vault:secret/data/app#key",
                                                                                      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-AbCdEf"])),
    D("sops-encrypted", "DB_PASSWORD", "SOPS encrypted value (ENC[AES256_GCM,…])", lambda: "ENC[AES256_GCM,data:" + base64.b64encode(rnd.randbytes(18)).decode()
      + ",iv:" + base64.b64encode(rnd.randbytes(32)).decode() + ",tag:" + base64.b64encode(rnd.randbytes(16)).decode() + ",type:str]"),
    D("bcrypt-hash", "PASSWORD_HASH", "bcrypt hash (a digest, not the password)", lambda: "$2b$12$" + r(AN + "./", 53)),
    D("argon2-hash", "ADMIN_PASSWORD_HASH", "PHC argon2id string", lambda: "$argon2id$v=19$m=65536,t=3,p=4$" + b64url(rnd.randbytes(16)) + "$" + b64url(rnd.randbytes(32))),
    D("sha256-digest", "ARTIFACT_SHA256", "SHA-256 checksum", lambda: hx(64)),
    D("git-commit", "BUILD_COMMIT", "git commit id", lambda: hx(40)),
    D("sri-integrity", "SCRIPT_INTEGRITY", "Subresource Integrity (sha384-)", lambda: "sha384-" + base64.b64encode(rnd.randbytes(48)).decode()),
    D("docker-digest", "BASE_IMAGE_DIGEST", "OCI image digest", lambda: "sha256:" + hx(64)),
    D("uuid-request-id", "REQUEST_ID", "UUID identifier", uuid),
    D("uuid-tenant", "AZURE_TENANT_ID", "Azure tenant id (UUID)", uuid),
    D("uuid-client-id", "OAUTH_CLIENT_ID", "OAuth client id", uuid),
    D("google-client-id", "GOOGLE_CLIENT_ID", "Google OAuth client id (public)", lambda: r(DIGITS, 12) + "-" + r(LOWER + DIGITS, 32) + ".apps.googleusercontent.com"),
    D("stripe-publishable", "STRIPE_PUBLISHABLE_KEY", "Stripe publishable key (public by design)", lambda: "pk_live_" + r(AN, 99)),
    D("mapbox-public", "MAPBOX_PUBLIC_TOKEN", "Mapbox public token (pk.)", lambda: "pk.eyJ1Ijoi" + r(AN_, 60) + "." + r(AN_, 22)),
    D("twilio-account-sid", "TWILIO_ACCOUNT_SID", "Twilio Account SID (an identifier)", lambda: "AC" + hx(32)),
    D("sentry-dsn", "SENTRY_DSN", "Sentry DSN (public key only)", lambda: "https://" + hx(32) + "@o" + r(DIGITS, 6) + ".ingest.sentry.io/" + r(DIGITS, 7)),
    D("aws-doc-example", "AWS_ACCESS_KEY_ID", "AWS documentation example key id", lambda: "AKIAIOSFODNN7EXAMPLE"),
    D("aws-doc-example-secret", "AWS_SECRET_ACCESS_KEY", "AWS documentation example secret", lambda: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    D("azurite-dev-key", "AZURE_STORAGE_KEY", "Azurite / storage emulator well-known key (Microsoft docs)",
      lambda: "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="),
    D("cosmos-emulator-key", "COSMOS_DB_KEY", "Cosmos DB emulator well-known key (Microsoft docs)",
      lambda: "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="),
    D("supabase-local-key", "SUPABASE_SECRET_KEY", "Supabase CLI local-development secret key", lambda: "sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz"),
    D("jwt-io-example", "ID_TOKEN", "jwt.io debugger's default example token",
      lambda: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"),
    D("slack-doc-webhook", "SLACK_WEBHOOK_URL", "Slack docs placeholder webhook", lambda: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
    D("kubeadm-doc-token", "KUBEADM_TOKEN", "kubeadm docs example token", lambda: "abcdef.0123456789abcdef"),
    D("url-user-equals-password", "DATABASE_URL", "demo URL whose password is the user name",
      lambda: rnd.choice(["postgres://postgres:postgres@localhost:5432/app", "amqp://guest:guest@localhost:5672/", "http://admin:admin@localhost:8080/",
                          "mysql://root:root@127.0.0.1:3306/test"])),
    D("url-templated", "BROKER_URL", "templated URL", lambda: rnd.choice(["redis://:${REDIS_PASSWORD}@redis:6379/0", "https://{user}:{password}@git.acme.io/",
                                                                         "mongodb://$MONGO_USER:$MONGO_PASS@mongo:27017", "ftp://%s:%s@%s/"])),
    D("url-no-password", "REGISTRY_URL", "URL with a user but no password", lambda: "https://deploy@registry.acme.io/v2/"),
    D("secret-name-not-value", "SECRET_NAME", "a secret's name, not its value", lambda: rnd.choice(["db-credentials", "prod/api/token", "app-tls-secret"])),
    D("token-type", "TOKEN_TYPE", "a token type name", lambda: rnd.choice(["Bearer", "refresh_token", "urn:ietf:params:oauth:token-type:jwt"])),
    D("token-url", "TOKEN_URL", "an OAuth endpoint", lambda: rnd.choice(["https://oauth2.googleapis.com/token", "https://login.microsoftonline.com/common/oauth2/v2.0/token"])),
    D("password-policy", "PASSWORD_MIN_LENGTH", "a password-named setting with a number", lambda: str(rnd.choice([8, 12, 14, 16]))),
    D("key-path", "PRIVATE_KEY_PATH", "a path to a key, not the key", lambda: rnd.choice(["/etc/ssl/private/server.key", "./certs/client.key", "~/.ssh/id_ed25519"])),
    D("base64-image", "LOGO_DATA", "inline image bytes", lambda: "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + rnd.randbytes(60)).decode()),
    D("regex-pattern", "TOKEN_PATTERN", "a scanner's own pattern", lambda: rnd.choice(["ghp_[A-Za-z0-9]{36}", "AKIA[0-9A-Z]{16}", "sk_live_[0-9a-zA-Z]{24}", "xox[baprs]-[0-9a-zA-Z-]+"])),
    D("version-string", "API_KEY_VERSION", "a version", lambda: rnd.choice(["2024-06-01", "v1.0.3", "2.17.1"])),
]


def plant_decoys(corpus, per_family=8):
    turn = 3
    for fam in DECOYS:
        for _ in range(per_family):
            fmt = FORMAT_NAMES[turn % len(FORMAT_NAMES)]
            turn += 1
            corpus.assign(fmt, fam["name"], fam["make"](), fam["family"], "decoy", None, fam["source"])


def plant_special_decoys(c):
    D_ = "decoy"
    for i in range(4):
        path = f"home/user{i}/.ssh/id_ed25519.pub"
        key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + r(B64, 43) + f" deploy{i}@build"
        c.add(path, key, "ssh-public-key", D_, None, "OpenSSH public key (authorized_keys format)", key)
        path = f"keys/public{i}.pem"
        body = pem_body(294)
        block = ["-----BEGIN PUBLIC KEY-----"] + body + ["-----END PUBLIC KEY-----"]
        c.add(path, "\n".join(block), "pem-public-key", D_, None, "RFC 7468 public key", "-----BEGIN PUBLIC KEY-----", span=len(block))
        path = f"keys/tls/chain{i}.crt"
        block = ["-----BEGIN CERTIFICATE-----"] + pem_body(900) + ["-----END CERTIFICATE-----"]
        c.add(path, "\n".join(block), "pem-certificate", D_, None, "RFC 7468 certificate", "-----BEGIN CERTIFICATE-----", span=len(block))
        path = f"ansible/inventory{i}/group_vars/vault.yml"
        c.filler(path, "db_password: !vault |")
        block = ["  $ANSIBLE_VAULT;1.1;AES256"] + ["  " + hx(80) for _ in range(5)]
        c.add(path, "\n".join(block), "ansible-vault", D_, None, "Ansible Vault encrypted variable", "$ANSIBLE_VAULT;1.1;AES256", span=len(block))
        path = f"k8s/cluster{i}/sealed-secret.yaml"
        for line in ["apiVersion: bitnami.com/v1alpha1", "kind: SealedSecret", "metadata:", f"  name: api-{i}", "spec:", "  encryptedData:"]:
            c.filler(path, line)
        val = "AgB" + base64.b64encode(rnd.randbytes(400)).decode()
        c.add(path, f"    api-token: {val}", "sealed-secret", D_, None, "Bitnami Sealed Secrets encryptedData", val)
        path = f"js/app{i}/package-lock.json"
        c.filler(path, "{")
        c.filler(path, '  "packages": {')
        c.filler(path, '    "node_modules/left-pad": {')
        integ = "sha512-" + base64.b64encode(rnd.randbytes(64)).decode()
        c.add(path, f'      "integrity": "{integ}",', "npm-integrity", D_, None, "npm lockfile integrity (SRI)", integ)
        c.filler(path, '      "version": "1.3.0"')
        c.filler(path, "    }")
        c.filler(path, "  }")
        c.filler(path, "}")
        path = f"go/mod{i}/go.sum"
        line = f"golang.org/x/crypto v0.{20 + i}.0 h1:" + base64.b64encode(rnd.randbytes(32)).decode()
        c.add(path, line, "go-sum-hash", D_, None, "Go checksum database line (h1: SHA-256)", line)
        path = f"git/lfs{i}/model.bin"
        for line in ["version https://git-lfs.github.com/spec/v1"]:
            c.filler(path, line)
        oid = "oid sha256:" + hx(64)
        c.add(path, oid, "git-lfs-pointer", D_, None, "Git LFS pointer file", oid)
        c.filler(path, "size " + str(rnd.randint(10 ** 6, 10 ** 8)))
        path = f"python/svc{i}/auth.py"
        for line, fam in [('password = os.environ["DB_PASSWORD"]', "env-reference"), ("api_key = os.getenv('API_KEY', '')", "env-reference"),
                          ('token = request.headers.get("Authorization")', "code-reference"), ("secret = settings.SECRET_KEY", "code-reference"),
                          ('if password == "":', "code-reference"), ('PASSWORD_FIELD = "password"', "secret-name-not-value")]:
            c.add(path, line, fam, D_, None, "code that handles a secret without holding one", line)
        path = f"js/app{i}/auth.js"
        for line, fam in [("const token = process.env.API_TOKEN;", "env-reference"), ("const password = req.body.password;", "code-reference"),
                          ("headers: { Authorization: `Bearer ${token}` },", "code-reference"),
                          ("const apiKey = config.get('apiKey');", "code-reference")]:
            c.add(path, line, fam, D_, None, "code that handles a secret without holding one", line)
        path = f"docs/setup{i}.md"
        for line, fam in [("Set `AWS_SECRET_ACCESS_KEY=<your secret>` before running.", "placeholder-angle"),
                          ("export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "placeholder-fake-run"),
                          ("curl -u $USER:$PASSWORD https://api.acme.io/", "template-shell"),
                          ("mysql -u root -p", "cli-prompt"),
                          ("kubeadm join 10.0.0.10:6443 --token abcdef.0123456789abcdef", "kubeadm-doc-token")]:
            c.add(path, line, fam, D_, None, "documentation showing where a secret goes", line)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    corpus = Corpus()
    plant_portable(corpus)
    plant_special(corpus)
    plant_decoys(corpus)
    plant_special_decoys(corpus)
    corpus.write(out)
    labels = sorted(corpus.labels, key=lambda l: (l["path"], l["line"]))
    with open(os.path.join(out, "labels.json"), "w", encoding="utf-8") as f:
        json.dump({"seed": SEED, "generator": "bench/corpus/generate.py", "labels": labels}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    secrets = [l for l in labels if l["kind"] == "secret"]
    print(f"{len(corpus.files)} files, {len(secrets)} secrets in {len({l['family'] for l in secrets})} families "
          f"({sum(1 for l in secrets if l['rule'] is None)} in {len({l['family'] for l in secrets if l['rule'] is None})} families no devskyy rule covers yet), "
          f"{len(labels) - len(secrets)} decoys in {len({l['family'] for l in labels if l['kind'] == 'decoy'})} families")


if __name__ == "__main__":
    main()
