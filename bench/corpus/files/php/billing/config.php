<?php
$config['slack_webhook_url'] = 'https://hooks.slack.com/services/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';
$config['fcm_server_key'] = 'AAAA5MqBpsB:APA91bSr_juZ_IhW_AQ3ZBI2RdG0I5-zw6ahdXi2Nvy7ZZZxLJZFvhAnv50nBYnnFmk-P4ce_rH7Lg5K3jgUuTL_oX3kljrbwOKP3w6DDlF7YtiSxRWKQ41NiBi0fbPv_uWdQWHunroR';
$config['apim_subscription'] = 'qJrzFbp4UQBaYCAuLA5jl2eoYJVg/ro/migNKfSsiPxSx6Zp7oqrOGEv5Nrr/AVf9aApsCLE+1juAPIM9Sa8uw==';
$config['ai_services_key'] = 'ikeq4R2rcJgrYbXj4dlCvpiCLWKRlca1KQHleDFIDOXfNPKoRr3xJQQJ99NCOsAFF9ZQnO7zuvjFhDiqItGM';
$config['twilio_auth_token'] = '171910b350df0e6de3356c8da3bf7891';
$config['alibaba_cloud_access_key_secret'] = 'JEDca9ZJRmF4kjAIwqiH2cZIs3nJwb';
$config['vercel_token'] = '0vxSTIkU2r7im0klKAiFyB4q';
$config['vault_token'] = 's.pXkdrTtmlS8U2L4d76WVGCe0';
$config['atlassian_api_token'] = 'ATATT33xqxChT2zIaEX1BZ8--8q-2mrd938LEYBogekWViyNvczbe1sPuHz7uWwr7CEB8kKlagonSjtFRIsD_UPb3Px2Abfr8cwuzGR5lc_IZysb2mn8-v_EuD1tIqY0ayU6KkczPX_yyTKebToRZHXCjMm_IyRHQIVRHm02REEmKOVpBwOkw9s5X7o2qpVG';
$config['jenkins_api_token'] = '119e1249e753df5ffba14806b992e52d00';
$config['doppler_token'] = 'dp.st.prd.E3cMn5WnOEYG2pAKkykubRFQS5iqVqLv07n8ymue';
$config['new_relic_api_key'] = 'NRAK-5UM2ZX4UJZMOAAI2XQ8MKV7CJ2L';
$config['splunk_hec_token'] = '1ca93a04-1c97-4891-9485-5c518f64e666';
$config['teams_webhook_url'] = 'https://acme.webhook.office.com/webhookb2/efcc95fc-070d-4e0a-9fc3-3bb34ebad322@7dde5408-ad0a-4897-8b57-01e83afa76ca/IncomingWebhook/6e4d76291dc870b81b048d411b8384ad/7060250e-60ef-46b3-b528-83eadf35415d';
