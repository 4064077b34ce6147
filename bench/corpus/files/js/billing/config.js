'use strict';
module.exports = {
  gitlabToken: 'glrt-ZORW_RyUiDRXIq4JGR1n',
  googleRefreshToken: '1//0Z8KbUsMtfFQjfzSP_xFJC2GMyIJ3GRGug7RyJYzGg1U2Gy2CWO_eE1ni-kuAdNHQlbAEh_mPRUI5tQqCZii6VVCvDZdFTz05WorU',
  cosmosPrimary: 'FGYu+aWQrhzdtS5FxD+WA1XNdIMIkql13u+R8Bv8ttMLNY59E8OIibzYw8qmxjbwTEZwBmbAL6vJACDbzXfR1g==',
  functionKey: 'u-NyxM7FQSaDfUKeFw8vlITIf5aUlv99JqZgAM3DOYJKAzFupDGd_g==',
  bedrockShortTermKey: 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tCWGLO+LKspP/RjnhpO1BhoKZB7hodbv/FQkQWCJO1YWeWLUN3NH6CLfi3bRbyDcjNx7CtnbFt6hHrMepETkAZCfH+jkbnIuvGnifhMokzq7i3q08CrZlV5CqYnEXGoZI31/Ldk8BjLzIhvO3o7ZTtNOyIqKpaYYrTckUopr/OSBSuk3SZXSX5Qo2SMSjC24uja3OKCv/',
  sessionJwt: 'eyJhbGciOiAiUlMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiMzI4MDAyNzcwIiwgImlhdCI6IDE3ODA2NjY0NTR9.aKM3ZLODrDwFhVKmyZq5JytmCeOaTnp1ze0cx-VyaKJ',
  herokuApiToken: 'HRKU-AAPb-kmU144oLDgxC_IcHibv4AR-fU9ZZgtqQP7Ye0iJC39d-ORG1ZcWMEUz',
  vaultAddrToken: 'hvs.jjpYZrR3R84ZEJX-lK57r9Qn7kw0mzMxLl0-LNwxAXITDvwJVsaIv2krG6cWySplDnMwfarOScY9ir7NOdjTo8pw5nv1QGw',
  gitlabCookie: '_gitlab_session=r7ocb16rmsi2fwonw4bjavzig98duu2w',
  droneToken: 'e3hMtFGYF3a9Eu5y5KT71s5FnVCgw4zC',
  gemHostApiKey: 'rubygems_d4a5816058b4d1e1ec1cc20ad394e3261081fd788e146c29',
  ddApiKey: 'e3cd9ffc7088a75cac02f6643b32267a',
  dtApiToken: 'dt0c01.5USSDICIRQ3BV5DGV0SLS6NP.ME7SJ4CXNG8VILPV8RJUS4O5N1E8XE9SPNTVUJK2O7B5NSDP50HUG7GD1R7K0PC5',
  discordClientSecret: 'QuXC1pibax377CBRD3TSJDqMWdIcgMaF',
  region: 'eu-west-1',
};
