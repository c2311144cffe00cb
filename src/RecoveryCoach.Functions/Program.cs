using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecoveryCoach.Functions;
using RecoveryCoach.Functions.Hosting;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Health;
using RecoveryCoach.Referrals.Journey;

// The journey's worker on Azure, and its health probe (GET /api/healthz). Settings come from the
// Function App's app settings, never from a committed file: AzureWebJobsStorage, and the Smtp__*
// and Notifications__* values the web app has in appsettings.json, all validated at start-up;
// APPLICATIONINSIGHTS_CONNECTION_STRING or OTEL_EXPORTER_OTLP_ENDPOINT for telemetry.
var builder = FunctionsApplication.CreateBuilder(args);
builder.Configuration.AddHostJson(Path.Combine(AppContext.BaseDirectory, "host.json"));
var configuration = builder.Configuration;
// The storage account is read from AzureWebJobsStorage, in the same forms the Functions host
// reads it for the task hub (a connection string, or __accountName / __*ServiceUri with
// __credential and __clientId); with none of them, start-up stops naming the setting.
builder.Services.AddReferrals(configuration, storage => storage.TablePrefix = configuration[HostJson.HubName] ?? HostJson.DefaultHubName);
builder.Services.AddHealthChecks().AddReferralChecks();

// The Durable extension reads inputs, outputs and events with this serializer (it ignores a
// DataConverter in DI on purpose), so it must be the one the local worker and the web app write with.
builder.Services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(JourneyJson.Options));

builder.AddTelemetry();
builder.Build().Run();
