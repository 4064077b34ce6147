'use strict';
module.exports = {
  postmarkServerToken: '836b8784-d821-44d5-a220-8646fcfa82d8',
  shopifyPrivateAppToken: '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',
  flwSecretKey: 'FLWSECK-d3bdec7dc07ef1ec97389460ce9bd778-X',
  perplexityApiKey: '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',
  figmaToken: 'figd_Pi1-kk-NgMpp2Gmsij2GTbhoXjNe_Nc4c-eZBYGg',
  zendeskApiToken: 'latHe24KZG1k0UP7PaToE6JM3N0dq1VpeZ29KlI0',
  twitterApiSecret: 'FjYd0iDtCylkAZhcJ9F3fbgcDF63CyKy0l1vLLUca3W72BIhoZ',
  supabaseAccessToken: 'sbp_87023c255f584f3a57764fa8a19d0eb0384f031c',
  easypostTestApiKey: 'EZTKOo5Ub11PsUTR3Ru2blEeV7IojhwD6t28TUamF2IKesLMz3GK4sRLuf',
  adobeClientSecret: 'p8e-smbpW4zPhVeRGIsSuf_39VFtA9t8veJj',
  launchdarklyAccessToken: 'api-45266778-dfeb-43b2-a24f-f2ab2b131fe4',
  databaseUrl: 'amqps://app_hojxz:Violet838#Dc1Nha@db-aksx.internal.acme.io/app',
  tencentcloudSecretId: 'AKIDoHwWvCTCoy4RwkfRUX4m1zRlU7LVZJBb',
  zapierHook: 'https://hooks.zapier.com/hooks/catch/6848427/f4b43x/',
  region: 'eu-west-1',
};
