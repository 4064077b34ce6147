package com.acme;

final class Keys {
    static final String GITLAB_TOKEN = "glrt-RQYfQjmGu_lNv4DKiDyz";
    static final String GOOGLE_ACCESS_TOKEN = "ya29.a09w1uFpmDQiNG2jn5HfpQsxZPK_QlnLTcP7pRF4ChrKAP_jNWnvZ1mjAJOK89Q1vDFRIdU2uBnvnAGHDasK5l7XBfKeDnWw_b6KN23TcbcqeKvZCngh_8Gn8norA9GUUXSD_-s0JrWJiufla-kzw-9b";
    static final String BATCH_ACCOUNT_KEY = "ukoa6ze2m52RMkzV4TqV6iLIvHI2xr3EHO5m5FP0Rz+XgG5nfAzoafz/72i52b2OvA2cCU6IhDIN+ABakkMlPw==";
    static final String FUNCTION_KEY = "PDhSP3t7_FTP-nDQkIkU8OHsVxHskzOgiJiMqBqly5sGAzFuvBaEjw==";
    static final String TWILIO_API_KEY_SID = "SK4b837cc33fa8f916e4d55c2b60e2e67a";
    static final String ALIBABA_ACCESS_KEY_ID = "LTAIVHXhtOGRUVOplgSuhKsZ";
    static final String HEROKU_API_TOKEN = "HRKU-AAibffzFsd4BeSJyhyQ5E6RoBgJgzBdalPnn39mL7nJZ3g1ny-uYlpaRLGhR";
    static final String VAULT_BATCH = "hvb.Lu3QNA3R9stGSc-aeCA8twTM_ZRTga973JOt2YDXBXVD0SIXcpl4JtjTYNT4QGloxsTW9BEPtoBLHYQpcfqziuMz3yI73ZAQ4EA-vVTPuvf8IahVmgde1K6GjnL9tNonOh3yYfgSJ6vi";
    static final String BITBUCKET_APP_PASSWORD = "ATBBJDdGwceJ9UIWTnNzuwmAVhc4NjRIafZP";
    static final String DRONE_TOKEN = "QxbehOcytT1yXafDP9FqOLgKzaFnByVO";
    static final String PULUMI_ACCESS_TOKEN = "pul-9fc7857c82e19781b560a88941dc9ee038b69a91";
    static final String DD_APP_KEY = "e6b97c8b2445fa546d43b8b60d66adda762da1bb";
    static final String DT_API_TOKEN = "dt0c01.25X3DXPE6ZXHDCDD8MH7TQEY.Y1FMJC34V27GF458CIONGR9ZT419EXP5M44IIQP1ENBWMB5XOO4I0W0JXG9B9U3Q";
    static final String TELEGRAM_BOT_TOKEN = "8841534915:AA9RBuurySnDkumnF5MF2B_J8AMPzA808OQ";
}
