<?php
$config['braintree_access_token'] = 'access_token$production$h3t0w7lm2z1h1z29$41401eac0a67a695c854a98a9810b696';
$config['woocommerce_consumer_key'] = 'ck_50c5e3eb91f242953cc5540f688fc5b4586ae85e';
$config['razorpay_key_secret'] = 'qTAbyEjguT4wlPp7hmjpa43T';
$config['mistral_api_key'] = 'ZAHSYY51SkNWoSnHhH7uXvJ77NtCdwHa';
$config['airtable_api_key'] = 'keyORXkRvyXkdCtS2';
$config['hubspot_access_token'] = 'pat-na1-b1994fca-c2e5-412a-a1c6-60c668a539a1';
$config['facebook_app_secret'] = 'b592421cb41e89ec5c93c6b6097d8563';
$config['planetscale_service_token'] = 'pscale_tkn_CFNxF0F0b0W_ZIAnlnzmpHG64R9udeircvaToReaqmQ';
$config['frameio_token'] = 'fio-u-DzRakeLZ80PWznfeDMCkkTCzBLjxiiyp7DNLNZUDUptN9_KTQNd8_VveL__f0tYz';
$config['clojars_token'] = 'CLOJARS_rMkC5LtdGsYPetacouC0AwSCDXB5o4lguDO1dB9lYv9ztACu6lEbGuYKWsR3';
$config['messagebird_api_key'] = 'ne9iGR0kdzSJIVLYJsJ2xDfN7';
$config['jdbc_url'] = 'jdbc:sqlserver://db68.acme.local:1433;databaseName=orders;user=app;password=Lantern849#k1LIHs';
$config['harness_api_key'] = 'pat.JWzozFi8z9-nzFvE_SxYXt.hxfjxfwDM1N0EDHSyUVFGRXj.BMxiF3I9y9MNGYvHXdMu';
$config['gitea_token'] = '1f7dcbab08b7c25d4f8774720e10808967331cf4';
