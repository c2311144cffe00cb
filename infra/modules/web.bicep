// The web app: pages and the API on App Service for Linux, .NET 10. It is a client of the task
// hub the Functions app runs (Durable__RunWorker=false), never a second worker on it. App
// Service takes an instance out of rotation when /healthz/ready fails.

@description('The App Service plan\'s name.')
param planName string

@description('The web app\'s name, and so its host name.')
param appName string

@description('Their region.')
param location string

@description('The plan\'s size, such as B1 or P0v3.')
param planSku string

@description('How many instances the plan runs.')
param instanceCount int

@description('The web app\'s user-assigned identity.')
param identityName string

@description('The storage account of the task hub and the Data Protection key ring.')
param storageAccountName string

@description('The Application Insights resource telemetry goes to.')
param appInsightsName string

@description('The vault with staff-signin-client-secret and the dataprotection key.')
param keyVaultName string

@description('StaffSignIn:Authority, the OpenID Connect issuer.')
param staffSignInIssuer string

@description('StaffSignIn:ClientId.')
param staffSignInClientId string

@description('Fhir:Authority, the issuer of record systems\' tokens.')
param fhirIssuer string

@description('Fhir:Audience.')
param fhirAudience string

@description('Fhir:AllowedClients, the record systems that may refer.')
param fhirAllowedClients string[]

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

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName

  resource staffSignInSecret 'secrets' existing = {
    name: 'staff-signin-client-secret'
  }

  resource dataProtectionKey 'keys' existing = {
    name: 'dataprotection'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: planSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz/ready'
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: toObject(
    [
      { name: 'AzureWebJobsStorage__accountName', value: storage.name }
      { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
      { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
      { name: 'Durable__RunWorker', value: 'false' }
      { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
      { name: 'StaffSignIn__Authority', value: staffSignInIssuer }
      { name: 'StaffSignIn__ClientId', value: staffSignInClientId }
      { name: 'StaffSignIn__ClientSecret', value: '@Microsoft.KeyVault(SecretUri=${vault::staffSignInSecret.properties.secretUri})' }
      { name: 'Fhir__Authority', value: fhirIssuer }
      { name: 'Fhir__Audience', value: fhirAudience }
      ...map(range(0, length(fhirAllowedClients)), i => { name: 'Fhir__AllowedClients__${i}', value: fhirAllowedClients[i] })
      { name: 'DataProtection__ContainerName', value: 'dataprotection' }
      { name: 'DataProtection__BlobName', value: 'keys.xml' }
      { name: 'ASPNETCORE_FORWARDEDHEADERS_ENABLED', value: 'true' }
      { name: 'AllowedHosts', value: site.properties.defaultHostName }
      { name: 'DataProtection__KeyUri', value: vault::dataProtectionKey.properties.keyUri }
      { name: 'Notifications__PublicBaseUrl', value: 'https://${site.properties.defaultHostName}' }
      ...sharedSettings
    ],
    setting => setting.name,
    setting => setting.value
  )
}

// Deployments sign in with Entra ID (az webapp deploy does); no FTP or basic-auth publishing.
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

@description('The web app\'s address.')
output url string = 'https://${site.properties.defaultHostName}'
