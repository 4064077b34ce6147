#!/usr/bin/env bash
set -euo pipefail
curl -fsS -u admin:Harbour348!56TMkS https://ci.acme-2.io/api/json
mysql -h db2.acme.local -u root -pLantern828#NoF7t8 orders < schema.sql
sshpass -p 'Lantern107!HOQUMc' ssh deploy@10.1.2.4
mongodump --uri mongodb://db2.acme.local --username backup --password Summit923*VcifNc --out /backup
openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout pass:Violet134!XwsgKW
curl -H "Authorization: Bearer csIRGGit5mTYUZVda2YkRPyEDdxEvo5XF7tZIqck" https://api.acme-2.io/v2/deploy
curl -H "Authorization: Basic b3BzOkNvcHBlcjQzNiU4elNmTlA=" https://nexus.acme-2.io/service/rest
