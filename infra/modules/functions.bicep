// The Functions app that runs the journeys: the Durable extension's worker on the task hub, on
// the Flex Consumption plan, dotnet-isolated on .NET 10. Its package is deployed to a blob
// container and read with its identity; AzureWebJobsStorage is an identity-based connection.

@description('The Flex Consumption plan\'s name.')
param planName string

@description('The Functions app\'s name, and so its host name.')
param appName string

@description('Their region.')
param location string

@description('The most instances the app scales out to.')
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
param instanceMemoryMB int

@description('The Functions app\'s user-assigned identity.')
param identityName string

@description('The storage account of the task hub and of the deployment container.')
param storageAccountName string

@description('The blob container the app\'s package is deployed to.')
param deploymentContainerName string

@description('The Application Insights resource telemetry goes to.')
param appInsightsName string

@description('The web app\'s address, which links in emails point to.')
param publicBaseUrl string

@description('The mail and notification settings both apps share.')
param sharedSettings array

@description('Tags for every resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// On Flex Consumption the runtime lives in functionAppConfig: no FUNCTIONS_WORKER_RUNTIME or
// FUNCTIONS_EXTENSION_VERSION here, which the plan refuses.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: toObject(
    [
      { name: 'AzureWebJobsStorage__accountName', value: storage.name }
      { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
      { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
      { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
      { name: 'Notifications__PublicBaseUrl', value: publicBaseUrl }
      ...sharedSettings
    ],
    setting => setting.name,
    setting => setting.value
  )
}

// Deployments sign in with Entra ID (az functionapp deploy does); no FTP or basic-auth publishing.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('The Functions app\'s address.')
output url string = 'https://${site.properties.defaultHostName}'
