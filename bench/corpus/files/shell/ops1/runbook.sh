#!/usr/bin/env bash
set -euo pipefail
curl -fsS -u admin:Falcon685#LLM2iE https://ci.acme-1.io/api/json
mysql -h db1.acme.local -u root -pMeadow972#JycMCL orders < schema.sql
sshpass -p 'Meadow335!Jw1dEU' ssh deploy@10.1.1.4
mongodump --uri mongodb://db1.acme.local --username backup --password Meadow269%2HYyKG --out /backup
openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout pass:Meadow549%HEV4sv
curl -H "Authorization: Bearer lUrUjVHnyRn8lj9WgCr5DcY1z5cKPwOIqwTxhhDk" https://api.acme-1.io/v2/deploy
curl -H "Authorization: Basic b3BzOkZhbGNvbjE5MCprQkk0TUM=" https://nexus.acme-1.io/service/rest
