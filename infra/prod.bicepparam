// Production: two web instances behind the health check, zone-redundant storage, and a Key
// Vault with purge protection. Values marked CHANGE-ME are the trust's own: deploy.sh refuses to
// run while any is left. The two secrets are read from the environment of whoever deploys and
// are never written to a file (infra/README.md).
using 'main.bicep'

param environmentName = 'prod'
param location = 'uksouth'

// Staff sign-in: the app registration at the trust's identity provider (Entra ID or NHS CIS2).
param staffSignInIssuer = 'https://login.microsoftonline.com/CHANGE-ME-tenant-id/v2.0'
param staffSignInClientId = 'CHANGE-ME-staff-sign-in-client-id'
param staffSignInClientSecret = readEnvironmentVariable('STAFF_SIGNIN_CLIENT_SECRET')

// Record systems referring over FHIR: the issuer of their client-credentials tokens, and the
// client ids allowed to refer (README, "Referring from a record system").
param fhirIssuer = 'https://login.microsoftonline.com/CHANGE-ME-tenant-id/v2.0'
param fhirAllowedClients = []

// The Entra application the apps send mail as (infra/README.md, "The Entra application for SMTP").
param smtpEntraApplicationId = 'CHANGE-ME-smtp-application-id'
param smtpEntraServicePrincipalId = 'CHANGE-ME-smtp-service-principal-object-id'
param smtpClientSecret = readEnvironmentVariable('SMTP_CLIENT_SECRET')

param notifications = {
  triageInbox: 'CHANGE-ME-triage@example.nhs.uk'
  teamInboxes: {
    cambridge: 'CHANGE-ME-cambridge-team@example.nhs.uk'
    huntingdon: 'CHANGE-ME-huntingdon-team@example.nhs.uk'
    'peterborough-fenland': 'CHANGE-ME-peterborough-fenland-team@example.nhs.uk'
  }
  teamLeadInboxes: {
    cambridge: 'CHANGE-ME-cambridge-lead@example.nhs.uk'
    huntingdon: 'CHANGE-ME-huntingdon-lead@example.nhs.uk'
    'peterborough-fenland': 'CHANGE-ME-peterborough-fenland-lead@example.nhs.uk'
  }
  servicePhone: '01733 748386'
}

param webPlanSku = 'P0v3'
param webInstanceCount = 2
param storageSku = 'Standard_ZRS'
param logRetentionDays = 90
