// The storage account both apps share: the task hub (queues, tables, blobs), the referral
// tables, the web app's Data Protection keys and the Functions app's deployment package. No key
// opens it: shared-key access is off, and each app's identity holds data roles on it.

@description('The storage account\'s name.')
param name string

@description('Its region.')
param location string

@description('Its redundancy.')
param sku string

@description('The Functions app\'s identity: the task hub\'s worker and the Functions host.')
param functionsPrincipalId string

@description('The web app\'s identity: a client of the task hub, and keeper of the Data Protection keys.')
param webPrincipalId string

@description('Tags for every resource.')
param tags object

// Built-in role definitions, by their fixed ids.
var roles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

// The Functions host manages blob leases and containers of its own, hence Owner; the web app
// only reads and writes blobs (large messages, the Data Protection key ring).
var assignments = [
  { principalId: functionsPrincipalId, role: roles.blobDataOwner }
  { principalId: functionsPrincipalId, role: roles.queueDataContributor }
  { principalId: functionsPrincipalId, role: roles.tableDataContributor }
  { principalId: webPrincipalId, role: roles.blobDataContributor }
  { principalId: webPrincipalId, role: roles.queueDataContributor }
  { principalId: webPrincipalId, role: roles.tableDataContributor }
]

var deploymentContainerName = 'functions-package'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: sku
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource dataProtection 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'dataprotection'
  properties: {
    publicAccess: 'None'
  }
}

resource deployment 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource dataRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in assignments: {
    name: guid(account.id, assignment.principalId, assignment.role)
    scope: account
    properties: {
      principalId: assignment.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', assignment.role)
    }
  }
]

@description('The account\'s name, for AzureWebJobsStorage__accountName.')
output name string = account.name

@description('The container the Functions app runs its package from.')
output deploymentContainerName string = deployment.name

@description('The container that holds the web app\'s Data Protection key ring.')
output dataProtectionContainerName string = dataProtection.name
