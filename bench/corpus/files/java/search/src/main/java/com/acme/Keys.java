package com.acme;

final class Keys {
    static final String SPARKPOST_API_KEY = "6b2a9a294779c77f48ca9469b93a273b49b1c873";
    static final String SHOPIFY_PRIVATE_APP_TOKEN = "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";
    static final String FLW_ENCRYPTION_KEY = "FLWSECKd1682433dc1b";
    static final String XAI_API_KEY = "xai-Ua336TNBy3q1c4BFqpVI5chzpWUZeVfwNZxBCFkUoKdQMcSKnVvPjiUbTWSBhsPn6JDbyqqyAfUbkL2i";
    static final String FIGMA_TOKEN = "figd_CgURjOAR6_okKza45hQ8qXvP5vPoGaaFIxwYeI5Y";
    static final String INTERCOM_ACCESS_TOKEN = "dG9rOf50Kcpvz4WxsLRqtzxu71Xkw0LswLgUK9QREkOHVrFVRGNmE8BjZWeF";
    static final String FB_ACCESS_TOKEN = "EAAGmPIAl46E99BhfKwyfUK2fFc6M704tefZGHo5fbIoqDR45kH59m5A3x6UNsxAXSJV8dIXfjkXYqPdbyHdcBAhOoGHcG28b7CiTxkEkP2cQ8uWxbLqElWnB3dqL8SDDjBblLUqbybHOeYUGjGhNpoVq8";
    static final String SUPABASE_ACCESS_TOKEN = "sbp_da5f1e511b0d1ed5121d72c646ee6948424b5d25";
    static final String LOB_API_KEY = "live_82d410b77e99b751e57a46a71779b228b0a";
    static final String BEAMER_API_KEY = "b_xOkUmqooQEwB50IycIlZRK8j60g-VNQDECG4eo7EQqmS";
    static final String LAUNCHDARKLY_ACCESS_TOKEN = "api-1a4ceaa3-f60c-4975-8600-b4377aba6fbd";
    static final String UPSTREAM_URL = "smtp://svc_katcv:Summit163%B4TZKv@files.acme-wwni.net/";
    static final String ADAFRUIT_IO_KEY = "aio_31C41EZthZVtEYEQfygqmE3RmW58";
    static final String ZAPIER_HOOK = "https://hooks.zapier.com/hooks/catch/7376004/uen10h/";
}
