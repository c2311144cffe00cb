// Log Analytics and a workspace-based Application Insights, which both apps send telemetry to.
// The apps log no personal data, and Application Insights keeps client IP addresses masked.

@description('The Log Analytics workspace\'s name.')
param logAnalyticsName string

@description('The Application Insights resource\'s name.')
param appInsightsName string

@description('Their region.')
param location string

@description('How many days logs and telemetry are kept.')
param retentionInDays int

@description('Tags for every resource.')
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableIpMasking: false
    RetentionInDays: retentionInDays
  }
}

@description('The workspace\'s name, for diagnostic settings.')
output logAnalyticsName string = workspace.name

@description('The Application Insights resource\'s name; each app reads its connection string.')
output appInsightsName string = appInsights.name
