#!/usr/bin/env bash
set -euo pipefail
curl -fsS -u admin:Summit926!TLW8vO https://ci.acme-0.io/api/json
mysql -h db0.acme.local -u root -pQuartz350#KCWGfn orders < schema.sql
sshpass -p 'Lantern268%9hb7Fp' ssh deploy@10.1.0.4
mongodump --uri mongodb://db0.acme.local --username backup --password Meadow675%12yuLI --out /backup
openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout pass:Harbour684%fqQb2P
curl -H "Authorization: Bearer ATBNA4G64dcpRtBeAVp59Xj8dJ7n3wsxSmAxgqEY" https://api.acme-0.io/v2/deploy
curl -H "Authorization: Basic b3BzOk1lYWRvdzk2MCM4S0JmNHo=" https://nexus.acme-0.io/service/rest
