package com.acme

object Secrets {
    const val CLIENT_SECRET = "<CLIENT_SECRET>"
    const val SERVICE_TOKEN = "test1234"
    const val NPM_TOKEN = "${{ secrets.NPM_TOKEN }}"
    const val PASSWORD_HASH = "$2b$12$YXnFfghJobRTrv9zi16z4mcEuGR1EJgM3t1QZ7DYIKBTlQd1UboXL"
    const val BUILD_COMMIT = "519dad190ff3a8eff69a077c0674a0708de9d654"
    const val AZURE_TENANT_ID = "c31e1dcb-3c4e-460f-b5d4-1a008f13ecdf"
    const val STRIPE_PUBLISHABLE_KEY = "pk_live_O1crEttmlaXfKSg9abghzThf0UB0DxAL7PVfAhgKHnNQTKWJV7EVEGKC1vJXujm0jNuJGqlW4lXMi7ojEtSgKJH8BbBgAICVYQg"
    const val AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
    const val COSMOS_DB_KEY = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="
    const val KUBEADM_TOKEN = "abcdef.0123456789abcdef"
    const val REGISTRY_URL = "https://deploy@registry.acme.io/v2/"
    const val PASSWORD_MIN_LENGTH = "12"
    const val TOKEN_PATTERN = "sk_live_[0-9a-zA-Z]{24}"
}
