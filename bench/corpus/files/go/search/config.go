package config

const (
	braintreeAccessToken = "access_token$production$yfughlw9uhmmstj7$e1d7ee8ddec3b2fb539d1a56f7d34d9d"
	shopifySharedSecret = "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"
	flwEncryptionKey = "FLWSECKcaf0ab215b27"
	mistralApiKey = "B4RxqajzHTBEMyma13LGEcNNnZdXYeDu"
	airtableToken = "patzxJ1y6AMkqDhcR.f4e1a98b54a8304b6fd864efc5aa7c8d24090f473b892d9765daea83c3127ed5"
	intercomAccessToken = "dG9rOy64ggJra8m86iPGlwEI4M42icGP4WoYBdtPQDwgVFOm6HGVMnhujpt1"
	facebookAppSecret = "0b703b1f03e62533dbed76e7e181cb41"
	supabaseSecretKey = "sb_secret_Fp_WgyhG7wtODO7hKWl-LsJ-w6_YoS0W"
	lobApiKey = "live_c909a9a31054fdc952aa29936163b753356"
	clojarsToken = "CLOJARS_V9Ukv9SsQfDKSQ7PY8V8qqqMMfd8EiGD6ewg6XFKVBvKwJBbXrMxUJuLviiE"
	mattermostAccessToken = "pgiwfynuxfndncgh1vzlwt3w6m"
	upstreamUrl = "ftp://svc_jerfi:Lantern234%qROvMM@files.acme-yxsc.net/"
	harnessApiKey = "pat.WQIxHUg6HO-UwMXRkhcFIA.eZlIHcuWjNYVYqOVGsFKw54j.SNyiC3WdT1VYI8JQpY5R"
	mattermostHook = "https://chat.acme-sqcx.io/hooks/kztrxvpagi4arnkbs9av9cli9c"
)
