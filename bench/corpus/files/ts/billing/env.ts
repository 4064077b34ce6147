// generated from the billing vault export
export const gitlabToken = "glpat--wUtJWQNVTQ6jwZAPUSs";
export const googleRefreshToken = "1//0CtyYxxVEos_G8mhUpyKgzyAIfeuUVhi84H9Imc1u0P3i336YeKDGmnxcnmsEYVmEHZlohSE_Zbukt3Bt-0us3jzaBcGslNYzs9-W";
export const batchAccountKey = "YqXObe7O6HoVCwv52VTE9gaLXLPt3hBUOOct96IbHC7xufZOYQyiE2wr/BZ1KEqjaG7abrw3mZsd+ABanAGUuA==";
export const functionKey = "lVehNEkeP7y5DNXzELLpaiIUcA2ydYFdGYuw7tTwXIbEAzFugl1Bjw==";
export const bedrockShortTermKey = "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tePHQtcWliFXAOSrHYuaAFI86lJyPYW39m85e5fHkEQR54CwYNS3RQ8tM/ld/385hPT0eVEPpxzm3A90yTtJF8Oa2xqUhbRAHNJ5uQ1aFGqaVFjqtjh+IlABKZ+FHkZmgT0ocqsipliM6nzwlUU8bv7QQUfjmwX6hXArnSsmlnRSFm/z70Zg2+vXNJxMete7k67oAq/Q1";
export const alibabaAccessKeyId = "LTAIIaz1vgBcsq2s4zeXa54X";
export const herokuApiToken = "HRKU-AA0pWRDy6jPaE0ex1AalZSNn6wKZ1chq8JsRoewOIxn2AfHw0n8xZtNqliPQ";
export const vaultAddrToken = "hvs.pyVUsGw913aXN90msSWP_mh93pW-d3RmNwI6FFb6wH9ufvio-qDa8hvEeBD-Unspsb59JouklJmB_x5o5pLeD-h0cPXFUOO";
export const bitbucketAppPassword = "ATBBrHS6g9d4pJhifizjTSgfhrfJr5FQzcWS";
export const droneToken = "v08vxiSLkFArUhi8EkOdPtYFpawJ79ME";
export const gemHostApiKey = "rubygems_faf55c9b7d78f5fd10ccdae479e035fb72776d8ca028d0e6";
export const ddAppKey = "a5e975927f18a3133c61070c42447917fe88e5f5";
export const dtApiToken = "dt0c01.D2G1905FUA0YMJLKRW70OHJA.NZZT8VP8PH6WZTLD53SSJNRE6FI5BRHDKPJV38M229ZZIG9OGBNSV4RQFDGPIB3K";
export const discordClientSecret = "6Gza05OGExspLAATg5OpGEzNlNnP9j0N";
