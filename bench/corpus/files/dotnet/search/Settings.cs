namespace Acme;

public static class Settings
{
    public const string BraintreeSandboxToken = "access_token$sandbox$i3z4d0crdrfw6ceg$a61bb71654366f83481aa1846e131bea";
    public const string WoocommerceConsumerKey = "ck_b77034abeff5e3d8a3f55a5802194688d18f0966";
    public const string RazorpayKeySecret = "rZalbvqJUqCOC7fyR2vPxhq1";
    public const string DeepseekApiKey = "sk-aabe54cd9f1d1d7aa38b4bf16fa98ae8";
    public const string AirtableApiKey = "keyH28MXfC9B7pBsh";
    public const string HubspotAccessToken = "pat-na1-9260dda0-9bf1-4363-a5bd-8420e36459b9";
    public const string LinkedinClientSecret = "tgpnAAYpxQFf3ATZ";
    public const string PlanetscaleServiceToken = "pscale_tkn_8sdgI67je4fLZh5IwBKp-DmDNNJc3dWXxxJcm9cgi67";
    public const string FrameioToken = "fio-u-Rx5n8hl7z80ZlktDAC_TaxlL91D6Ldsxk1-wZNHflWtwg8HUtq1pYeHQmKZ2mTgO";
    public const string DuffelAccessToken = "duffel_live_0lA-Xo6aPhc9eM8uguALnSIN3-1-_fv5BEs1B9WFSfh";
    public const string MessagebirdApiKey = "nvm6qZmb0mbmUcNI0nmLCDYzK";
    public const string JdbcUrl = "jdbc:sqlserver://db76.acme.local:1433;databaseName=orders;user=app;password=Meadow952#So0MbB";
    public const string OpenshiftToken = "sha256~FTzcYcSabT3qW31qrBN_RELT0zwHWT85Ql3TbzbEZXD";
    public const string GiteaToken = "5af6501dd74ec6854623bdcbe409343048d33ab8";
}
