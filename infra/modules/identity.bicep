// A user-assigned managed identity: what one app is, to storage and Key Vault. User-assigned
// rather than system-assigned so its role assignments exist before the app first starts.

@description('The identity\'s name.')
param name string

@description('Its region.')
param location string

@description('Tags for every resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('The identity\'s resource id, for the app\'s identity block.')
output id string = identity.id

@description('Its service principal\'s object id, for role assignments.')
output principalId string = identity.properties.principalId

@description('Its client id, for AzureWebJobsStorage__clientId.')
output clientId string = identity.properties.clientId
