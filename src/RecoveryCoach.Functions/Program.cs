using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecoveryCoach.Functions;
using RecoveryCoach.Functions.Hosting;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Journey;

// The journey's worker on Azure. Settings come from the Function App's app settings, never from a
// committed file: AzureWebJobsStorage, and the Smtp__* and Notifications__* values the web app
// has in appsettings.json, all validated at start-up; APPLICATIONINSIGHTS_CONNECTION_STRING or
// OTEL_EXPORTER_OTLP_ENDPOINT for telemetry.
var builder = FunctionsApplication.CreateBuilder(args);
builder.Configuration.AddHostJson(Path.Combine(AppContext.BaseDirectory, "host.json"));
var configuration = builder.Configuration;
builder.Services.AddReferrals(configuration, storage =>
{
    // No fallback to the emulator: a missing setting fails validation at start-up.
    storage.ConnectionString = configuration["AzureWebJobsStorage"] ?? string.Empty;
    storage.TablePrefix = configuration[HostJson.HubName] ?? HostJson.DefaultHubName;
});

// The Durable extension reads inputs, outputs and events with this serializer (it ignores a
// DataConverter in DI on purpose), so it must be the one the local worker and the web app write with.
builder.Services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(JourneyJson.Options));

builder.AddTelemetry();
builder.Build().Run();
