// Key Vault in RBAC mode, holding the two secrets the service has (the SMTP password and the
// staff sign-in client secret) and the key that protects the web app's Data Protection keys.
// The apps read the secrets through Key Vault references in their app settings, each with its
// own identity and only the secrets it needs.

@description('The vault\'s name.')
param name string

@description('Its region.')
param location string

@description('Whether deleted secrets and keys stay recoverable for the whole retention period, whoever asks (production).')
param purgeProtection bool

@secure()
@description('The SMTP password: a client secret of the Entra application linked to the ACS SMTP username.')
param smtpPassword string

@secure()
@description('The web app\'s client secret at the staff sign-in issuer.')
param staffSignInClientSecret string

@description('The Functions app\'s identity, which sends mail.')
param functionsPrincipalId string

@description('The web app\'s identity, which sends mail, signs staff in and protects its Data Protection keys.')
param webPrincipalId string

@description('Where the vault\'s audit log goes.')
param logAnalyticsName string

@description('Tags for every resource.')
param tags object

// Built-in role definitions, by their fixed ids.
var roles = {
  secretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  cryptoUser: '12338af0-0e69-4776-bea7-57ae8d297424'
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Once on, purge protection cannot be turned off; dev leaves it unset so a dev vault can be purged.
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    enabledForDeployment: false
    enabledForTemplateDeployment: false
    enabledForDiskEncryption: false
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'smtp-password'
  properties: {
    value: smtpPassword
    contentType: 'Client secret of the Entra application for ACS SMTP'
  }
}

resource staffSignInSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'staff-signin-client-secret'
  properties: {
    value: staffSignInClientSecret
    contentType: 'Client secret at the staff sign-in issuer'
  }
}

// Created once; a later deployment leaves the existing key and its versions alone.
resource dataProtectionKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: 'dataprotection'
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
  }
}

resource functionsReadsSmtpPassword 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(smtpPasswordSecret.id, functionsPrincipalId, roles.secretsUser)
  scope: smtpPasswordSecret
  properties: {
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.secretsUser)
  }
}

resource webReadsSmtpPassword 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(smtpPasswordSecret.id, webPrincipalId, roles.secretsUser)
  scope: smtpPasswordSecret
  properties: {
    principalId: webPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.secretsUser)
  }
}

resource webReadsStaffSignInSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(staffSignInSecret.id, webPrincipalId, roles.secretsUser)
  scope: staffSignInSecret
  properties: {
    principalId: webPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.secretsUser)
  }
}

resource webUsesDataProtectionKey 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataProtectionKey.id, webPrincipalId, roles.cryptoUser)
  scope: dataProtectionKey
  properties: {
    principalId: webPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cryptoUser)
  }
}

resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

@description('The vault\'s name; the web app reads its secret and key addresses from it.')
output name string = vault.name

// Named so as not to look like the secret itself: this is only where to find it.
@description('The Key Vault reference to the SMTP password\'s latest version, the value of Smtp__Password.')
output smtpCredentialReference string = '@Microsoft.KeyVault(SecretUri=${smtpPasswordSecret.properties.secretUri})'
