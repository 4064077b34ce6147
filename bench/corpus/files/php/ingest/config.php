<?php
$config['client_secret'] = '<CLIENT_SECRET>';
$config['service_token'] = 'not-a-real-secret';
$config['npm_token'] = '${{ secrets.NPM_TOKEN }}';
$config['password_hash'] = '$2b$12$Bcg9xr2yp2B5wfyEYnKjdtlLURYqO3/m.b853PPUtWark47rHSMBS';
$config['build_commit'] = 'c1574e2475b3f2dd6ebb1dbe6dec1b6169472b1d';
$config['azure_tenant_id'] = 'c114d091-076b-4615-a6ab-bd638d099ab9';
$config['stripe_publishable_key'] = 'pk_live_1qAAaaZl4kBQzB4OKDbJFs5etHnXUJJhBY5ks9rJ6BJWQZRIwNXG6f4BiPZt818FueOVcVLWuCt9peRbvbAUtyvRBXwwMoA9k8k';
$config['aws_access_key_id'] = 'AKIAIOSFODNN7EXAMPLE';
$config['cosmos_db_key'] = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';
$config['kubeadm_token'] = 'abcdef.0123456789abcdef';
$config['registry_url'] = 'https://deploy@registry.acme.io/v2/';
$config['password_min_length'] = '8';
$config['token_pattern'] = 'AKIA[0-9A-Z]{16}';
