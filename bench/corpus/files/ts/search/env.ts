// generated from the search vault export
export const sparkpostApiKey = "2b3d89b26ce255da4d283f90700b7b70ef72aa28";
export const shopifyPrivateAppToken = "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";
export const flwSecretKey = "FLWSECK-9735a678ecdb95d47b0c77c3d2097e89-X";
export const xaiApiKey = "xai-Pz20SwMyneUNKkIgFxZYiAc4UlhPnzrpJXsdWo5UZoaWWdhevxKNwyOeuvVAytzJrui9xfLNCcRmhuK8";
export const figmaToken = "figd_uHkwvapgqScyRT-vIqC8AbVJJv6P4f1TfTWl_59M";
export const zendeskApiToken = "GY8IAhCqxT50s31kRVwKSsoqgb4NGm16FTeoaptO";
export const fbAccessToken = "EAAGpbozNNn6BF5bKKVjcmSmeXv7B1AxM99VbYV05nE54BJHDrM15rGBWtWcNJoPLsHE4iBQjbokpfDIvMKYrZBYNojGV4hNLO9sbxrrozMxxAqVEprKIWMDkNmcdnUACVY51uMviJArbjvM9zwEq55MqJ";
export const supabaseAccessToken = "sbp_738258dceb7269b745f2269def45828f7658ccbb";
export const easypostTestApiKey = "EZTK43UosTeomUH5hjEGmGTDJjfsmF3TJQsyRg9JqFbokiBYd8M8Pal8WI";
export const beamerApiKey = "b_-wvQi2tNhVfL6eO3SUY4cjb3uHX02CVcT6BvoglE--co";
export const launchdarklyAccessToken = "api-7edfe739-8c92-42a4-916a-e42666bd7841";
export const databaseUrl = "mysql://app_nnocg:Summit221%79c9j1@db-askr.internal.acme.io/app";
export const adafruitIoKey = "aio_Z0pMTQujXHEHCY5u50VaeWY3uGc7";
export const zapierHook = "https://hooks.zapier.com/hooks/catch/7171330/t545m2/";
