package com.acme

object Secrets {
    const val SPARKPOST_API_KEY = "e6ffa297b106eae01c45739b0744a2ec33f215a1"
    const val SHOPIFY_SHARED_SECRET = "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"
    const val FLW_ENCRYPTION_KEY = "FLWSECKc946debf2d7f"
    const val XAI_API_KEY = "xai-zfbcEFLHnE9rP3n7yIQwlzCC6WsCnd4sN0ejg0a05ZiGsfJXkAO2dyW1SxqqCRcXPjdiBrf6Gnn5pKMi"
    const val AIRTABLE_TOKEN = "pataiMI9TZsI6mnms.457503348eed0773579d4b6abe1b9773e8fe3ce0af990569557f3341ab3f9987"
    const val INTERCOM_ACCESS_TOKEN = "dG9rOWdDpJjA4iXFPXGQnMgWv156gnIZAVPPOBk0cOa4SRRXsfAHYlCEILGI"
    const val FB_ACCESS_TOKEN = "EAAGcn5qyLtAJHPxJ0W3WYh4zrAF0CSA2pIzKsUG9sXgc6MwaBNQrCGfvf4dn37rlFqZhHSG5A9VJrlFNAJYs7PWeH9TEx81TvDfGDQa6SdPdKNt7TN6UXFItxqSHN9rL2oU8FVCBlULOtCiypp7TMyC0r"
    const val SUPABASE_SECRET_KEY = "sb_secret_c5OYapGe9IRqqWYjB--YwZXx1essHM6L"
    const val LOB_API_KEY = "live_4da3bb01a2cc6ff4299a63be52c625e4332"
    const val BEAMER_API_KEY = "b_xExrxvgSoLNE5WZzWXWSiEbpywM52wClkKkk1a1qzPd1"
    const val MATTERMOST_ACCESS_TOKEN = "9lfza267dhl18u7lh9bz4wokxq"
    const val UPSTREAM_URL = "smtp://svc_cspzb:Copper928*XIjUa7@files.acme-ivxb.net/"
    const val ADAFRUIT_IO_KEY = "aio_ChB9KGAncgNyqot9CgcZ2wNi4UQ9"
    const val MATTERMOST_HOOK = "https://chat.acme-efrd.io/hooks/mmkg4mfy31ea7ud6aj9xqsyvic"
}
