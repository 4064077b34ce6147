#!/bin/sh
set -eu
export DB_PASSWORD="change-me-please"
export SERVICE_TOKEN="fake-secret-for-tests"
export PASSWORD="%s"
export PASSWORD_HASH="$2b$12$n4iC.duG04MK7vqLPk11PXc38zY5NX9UXBB2D7IxWMy8L/TVrVf1L"
export SCRIPT_INTEGRITY="sha384-EH7LavglnoSdgMfslkYhRuAWQXDZlAxkayModd7im+qH8M5Vzl9W15Kq+JEETVoV"
export AZURE_TENANT_ID="e832439d-5ff5-45ed-9fa7-8aca4c525925"
export MAPBOX_PUBLIC_TOKEN="pk.eyJ1IjoiNyctBcXN-_a6tDklc1IwXtYzN7oVYtXlxPDXP6U26-Jml2MewaVzQBQouYQ3.h5tnalwEgdFSwmFJpZSVfk"
export AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE"
export SUPABASE_SECRET_KEY="sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz"
export KUBEADM_TOKEN="abcdef.0123456789abcdef"
export SECRET_NAME="app-tls-secret"
export PASSWORD_MIN_LENGTH="12"
export API_KEY_VERSION="2024-06-01"
exec ./run
