// The Recovery Coach service on Azure, in one resource group: the Functions app that runs the
// journeys, the web app that serves the pages and the API as a client of the same task hub, the
// storage account they share, Key Vault for the few secrets, mail through Azure Communication
// Services, and Application Insights. Every connection is made with a managed identity; the only
// secrets are the two client secrets below, which go straight into Key Vault.
// infra/README.md walks through a deployment; infra/deploy.sh runs one.

metadata description = 'Recovery Coach referral service: Functions app, web app, storage, Key Vault, email and telemetry'

@description('Which environment this is; it names every resource and picks the safeguards (purge protection in prod).')
@allowed([
  'dev'
  'prod'
])
param environmentName string

@description('The Azure region for every regional resource. Patient data stays in the UK, so only UK regions are allowed.')
@allowed([
  'uksouth'
  'ukwest'
])
param location string = 'uksouth'

@description('The OpenID Connect issuer staff sign in with, such as https://login.microsoftonline.com/{tenant}/v2.0 (StaffSignIn:Authority).')
param staffSignInIssuer string

@description('This service\'s client id at the staff sign-in issuer (StaffSignIn:ClientId).')
param staffSignInClientId string

@description('The issuer of record systems\' client-credentials tokens for the FHIR API (Fhir:Authority), such as https://login.microsoftonline.com/{tenant}/v2.0.')
param fhirIssuer string

@description('This service\'s audience in record systems\' tokens (Fhir:Audience).')
param fhirAudience string = 'api://recovery-coach-fhir'

@description('The client ids of the record systems allowed to refer over FHIR (Fhir:AllowedClients); none, and no system may.')
param fhirAllowedClients string[] = []

@secure()
@description('This service\'s client secret at the staff sign-in issuer. Written to Key Vault as staff-signin-client-secret.')
param staffSignInClientSecret string

@description('Application (client) id of the Entra application that authenticates to the Azure Communication Services SMTP endpoint. ARM cannot create it; see infra/README.md.')
param smtpEntraApplicationId string

@description('Object id of that application\'s service principal (Enterprise applications), which is given the Communication and Email Service Owner role.')
param smtpEntraServicePrincipalId string

@secure()
@description('A client secret of that Entra application: the SMTP password. Written to Key Vault as smtp-password.')
param smtpClientSecret string

@description('The sender name on every email (Smtp:FromName).')
param smtpFromName string = 'Recovery Coach Team'

@description('Who is told about referrals (the Notifications settings).')
param notifications notificationSettings

@description('Years a finished referral is kept after its last contact (Retention__Years in both apps): 20, by the Records Management Code of Practice.')
@minValue(1)
@maxValue(100)
param retentionYears int = 20

@description('The web app\'s App Service plan size.')
param webPlanSku string = 'B1'

@description('How many instances the web app runs on; two or more for health-check failover.')
@minValue(1)
@maxValue(10)
param webInstanceCount int = 1

@description('The most instances the Functions app scales out to (the Flex Consumption plan allows 40 to 1000).')
@minValue(40)
@maxValue(1000)
param functionsMaximumInstanceCount int = 40

@description('Memory of each Functions instance, in MB.')
@allowed([
  512
  2048
  4096
])
param functionsInstanceMemoryMB int = 2048

@description('The storage account\'s redundancy. Every option keeps the data in the UK (GRS pairs UK South with UK West).')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('How many days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Each team\'s address, keyed by team code; all three teams are required.')
@sealed()
type teamAddresses = {
  cambridge: string
  huntingdon: string
  'peterborough-fenland': string
}

@description('The Notifications settings of both apps (NotificationOptions).')
@sealed()
type notificationSettings = {
  @description('The team leads\' shared inbox for referrals no allocation rule places.')
  triageInbox: string

  @description('Each team\'s referral inbox.')
  teamInboxes: teamAddresses

  @description('Each team\'s lead: escalations, risk concerns, requests for more weeks.')
  teamLeadInboxes: teamAddresses

  @description('The phone number people are given to ask about a referral.')
  servicePhone: string
}

var token = uniqueString(subscription().id, resourceGroup().id, environmentName)
var prefix = 'recoverycoach-${environmentName}'
var tags = {
  service: 'recovery-coach'
  environment: environmentName
}
var names = {
  functionsIdentity: '${prefix}-functions-id'
  webIdentity: '${prefix}-web-id'
  storage: take('rc${environmentName}${token}', 24)
  keyVault: take('rc-${environmentName}-${token}', 24)
  logAnalytics: '${prefix}-logs'
  appInsights: '${prefix}-appinsights'
  emailService: '${prefix}-email-${token}'
  communicationService: '${prefix}-acs-${token}'
  functionsPlan: '${prefix}-functions-plan'
  functionApp: '${prefix}-journey-${token}'
  webPlan: '${prefix}-web-plan'
  webApp: '${prefix}-web-${token}'
}

module functionsIdentity 'modules/identity.bicep' = {
  name: 'functions-identity'
  params: {
    name: names.functionsIdentity
    location: location
    tags: tags
  }
}

module webIdentity 'modules/identity.bicep' = {
  name: 'web-identity'
  params: {
    name: names.webIdentity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    retentionInDays: logRetentionDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    sku: storageSku
    functionsPrincipalId: functionsIdentity.outputs.principalId
    webPrincipalId: webIdentity.outputs.principalId
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    purgeProtection: environmentName == 'prod'
    smtpPassword: smtpClientSecret
    staffSignInClientSecret: staffSignInClientSecret
    functionsPrincipalId: functionsIdentity.outputs.principalId
    webPrincipalId: webIdentity.outputs.principalId
    logAnalyticsName: monitoring.outputs.logAnalyticsName
    tags: tags
  }
}

module email 'modules/email.bicep' = {
  name: 'email'
  params: {
    emailServiceName: names.emailService
    communicationServiceName: names.communicationService
    smtpEntraApplicationId: smtpEntraApplicationId
    smtpEntraServicePrincipalId: smtpEntraServicePrincipalId
    tags: tags
  }
}

// What both apps are told about mail and about who receives it; each app adds its own below.
// App Service on Linux allows only letters, digits, '.' and '_' in a setting's name, so a team
// code's '-' is written '_' (Notifications__TeamInboxes__peterborough_fenland), which the apps
// read as the same team.
var mailSettings = [
  { name: 'Smtp__Host', value: 'smtp.azurecomm.net' }
  { name: 'Smtp__Port', value: '587' }
  { name: 'Smtp__Security', value: 'StartTls' }
  { name: 'Smtp__UserName', value: email.outputs.smtpUserName }
  { name: 'Smtp__Password', value: keyVault.outputs.smtpCredentialReference }
  { name: 'Smtp__FromAddress', value: email.outputs.senderAddress }
  { name: 'Smtp__FromName', value: smtpFromName }
  { name: 'Notifications__TriageInbox', value: notifications.triageInbox }
  { name: 'Notifications__ServicePhone', value: notifications.servicePhone }
  ...map(items(notifications.teamInboxes), team => { name: 'Notifications__TeamInboxes__${replace(team.key, '-', '_')}', value: team.value })
  ...map(items(notifications.teamLeadInboxes), team => { name: 'Notifications__TeamLeadInboxes__${replace(team.key, '-', '_')}', value: team.value })
]

// What both apps are told about records: how long a finished referral is kept.
var sharedSettings = [
  ...mailSettings
  { name: 'Retention__Years', value: string(retentionYears) }
]

module web 'modules/web.bicep' = {
  name: 'web'
  params: {
    planName: names.webPlan
    appName: names.webApp
    location: location
    planSku: webPlanSku
    instanceCount: webInstanceCount
    identityName: names.webIdentity
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultName: keyVault.outputs.name
    staffSignInIssuer: staffSignInIssuer
    staffSignInClientId: staffSignInClientId
    fhirIssuer: fhirIssuer
    fhirAudience: fhirAudience
    fhirAllowedClients: fhirAllowedClients
    sharedSettings: sharedSettings
    tags: tags
  }
}

module functions 'modules/functions.bicep' = {
  name: 'functions'
  params: {
    planName: names.functionsPlan
    appName: names.functionApp
    location: location
    maximumInstanceCount: functionsMaximumInstanceCount
    instanceMemoryMB: functionsInstanceMemoryMB
    identityName: names.functionsIdentity
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    publicBaseUrl: web.outputs.url
    sharedSettings: sharedSettings
    tags: tags
  }
}

@description('The web app: the referral form at /refer, staff pages at /staff, the API under /api.')
output webUrl string = web.outputs.url

@description('The Functions app that runs the journeys; /api/healthz answers when it is up.')
output functionsUrl string = functions.outputs.url

@description('The web app\'s name, for az webapp deploy.')
output webAppName string = names.webApp

@description('The Functions app\'s name, for az functionapp deploy.')
output functionAppName string = names.functionApp
