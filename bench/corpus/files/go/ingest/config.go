package config

const (
	clientSecret = "<insert secret>"
	serviceToken = "not-a-real-secret"
	npmToken = "${{ secrets.NPM_TOKEN }}"
	passwordHash = "$2b$12$9JcX8GsaHn5EN5ubOADu8nFHO4Q7XDWPc/VVNv8w58/EIpkmaKyEV"
	buildCommit = "f28a59e67316cccbee98bf037c5fdce067902019"
	azureTenantId = "809bd33e-0b6d-4a41-bf9c-faea4c34c452"
	stripePublishableKey = "pk_live_gUnWWiaTwXEWM5AmJ1phMy5rplXKbcA5EjMeefthbrC8Nq4OImLDdKshl9U4tbDE5HqPPNut8Jze4rFFVCWnmdmxW0DqZOQNXcV"
	awsAccessKeyId = "AKIAIOSFODNN7EXAMPLE"
	cosmosDbKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="
	kubeadmToken = "abcdef.0123456789abcdef"
	registryUrl = "https://deploy@registry.acme.io/v2/"
	passwordMinLength = "8"
	tokenPattern = "ghp_[A-Za-z0-9]{36}"
)
