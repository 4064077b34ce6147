namespace Acme;

public static class Settings
{
    public const string SlackWebhookUrl = "https://hooks.slack.com/services/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";
    public const string FcmServerKey = "AAAA6Ew_vks:APA91bPGYGaoMcf-0n83N-AJG8nO0jZvLXZQQamAwOL_azcflWx9-V6_pkZjJQ9oWTRbcip6rI9_9MNO_TDi4CX1G1JPUFQVOo17hGRTi7hoUe5dm0tGEYEoe5mvwPNbvR643bNM3bzc";
    public const string ServicebusKey = "mE5TqOu6gRIEWRd3TCa66yTdLtej/rJjr+ASbJnUPT4=";
    public const string AiServicesKey = "qYYHSzRFq0NsBDwGDLB6NxBSV16NHWGaMOCg6Muo0SNJavEKBL1yJQQJ9HEEtgkimwHpQslQFTIqs8LZZeqZ";
    public const string TwilioAuthToken = "bf19a59240b1dcd6530102ee9831c0f9";
    public const string IbmCloudApiKey = "IOizdhuFndqf5fkcZQAP6vntSLd8F-uHqJxbYR-t-IIz";
    public const string VercelToken = "emUtWC5at7iAcXbzO74vTLes";
    public const string VaultToken = "s.IkzzeOON4mPhcvLHRDDlTSPC";
    public const string JiraApiToken = "WFtL3nvIi6mqmCuGNGv5PF91";
    public const string JenkinsApiToken = "11563ded500c4efbd93828f52ec150ad49";
    public const string DopplerToken = "dp.st.prd.JeTiGksBhNHBxVlDKsx5c17mYV7iUIrKYDUpxvwE";
    public const string NewRelicInsertKey = "NRII-KCRLBdy9Q_wibM-WA0bhYjig-XErKETR";
    public const string SplunkHecToken = "9f801f4c-cf61-4e81-9166-2b8ca2acc2e7";
    public const string TeamsWebhookUrl = "https://acme.webhook.office.com/webhookb2/040fa808-687e-47bd-93aa-0cad9dce24bb@34f8d071-cca3-4608-a707-60cc389e5f10/IncomingWebhook/6ec0644db5de0c464507209eea73ed61/0a96cae9-7f48-4f48-b294-974ac21599f7";
}
