// Mail: an Email Communication Service with an Azure-managed domain (DoNotReply@<id>.azurecomm.net,
// no DNS to set up), linked to a Communication Services resource whose SMTP endpoint the apps
// send through. SMTP signs in as an Entra application, which ARM cannot create: its ids come in
// as parameters, and this module links it to an SMTP username and gives it the sending role.
// Both resources keep their data in the UK.

@description('The Email Communication Service\'s name.')
param emailServiceName string

@description('The Communication Services resource\'s name; the SMTP username is derived from it.')
param communicationServiceName string

@description('Application (client) id of the Entra application for SMTP.')
param smtpEntraApplicationId string

@description('Object id of that application\'s service principal.')
param smtpEntraServicePrincipalId string

@description('Tags for every resource.')
param tags object

// Communication and Email Service Owner: what ACS requires of the application SMTP signs in as.
var emailSenderRole = '09976791-48a7-449e-bb21-39d1a415f350'

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: 'UK'
  }
}

resource domain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    // Tracking would put a pixel and rewritten links in mail about a person's referral.
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: 'UK'
    linkedDomains: [
      domain.id
    ]
  }
}

resource smtpUsername 'Microsoft.Communication/communicationServices/smtpUsernames@2025-05-01-preview' = {
  parent: communicationService
  name: 'recoverycoach'
  properties: {
    username: '${communicationServiceName}-smtp'
    entraApplicationId: smtpEntraApplicationId
    tenantId: tenant().tenantId
  }
}

resource smtpSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communicationService.id, smtpEntraServicePrincipalId, emailSenderRole)
  scope: communicationService
  properties: {
    principalId: smtpEntraServicePrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', emailSenderRole)
  }
}

@description('The SMTP username the apps sign in with (Smtp__UserName); the password is the Entra application\'s secret.')
output smtpUserName string = smtpUsername.properties.username

@description('The sender address: the Azure-managed domain\'s DoNotReply mailbox (Smtp__FromAddress).')
output senderAddress string = 'DoNotReply@${domain.properties.mailFromSenderDomain}'
