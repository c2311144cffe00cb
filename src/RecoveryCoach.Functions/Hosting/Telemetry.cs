using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RecoveryCoach.Referrals.Telemetry;

namespace RecoveryCoach.Functions.Hosting;

/// <summary>
/// OpenTelemetry for the Functions worker: each function invocation under the host's trace (the
/// Functions worker's defaults), the Durable Task SDK's spans, each email, the service's counters
/// and the log lines. Exported to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
/// is set, else over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is, else nowhere. The host
/// itself sends its own telemetry the same way because host.json sets <c>telemetryMode</c>.
/// </summary>
internal static class Telemetry
{
    /// <summary>The service name the telemetry carries: the cloud role name in Application Insights.</summary>
    public const string ServiceName = "RecoveryCoach.Functions";

    /// <summary>The Durable Task SDK's worker, which runs the journey's orchestrator and activities here.</summary>
    private const string DurableTaskSdkSource = "Microsoft.DurableTask";

    public static FunctionsApplicationBuilder AddTelemetry(this FunctionsApplicationBuilder builder)
    {
        var services = builder.Services;

        // Registered first, so they run before any exporter sees a span or a line.
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new BackgroundCallFilter()).AddProcessor(new SpanScrubber()));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(new LogScrubber()));

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(ReferralTelemetry.SourceName, DurableTaskSdkSource).AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(ReferralTelemetry.MeterName).AddHttpClientInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });

        switch (TelemetryExport.Choose(builder.Configuration))
        {
            case TelemetryExporter.AzureMonitor:
                // The exporter, not the ASP.NET Core distro: this worker serves no ASP.NET Core requests.
                telemetry.UseAzureMonitorExporter();
                break;
            case TelemetryExporter.Otlp:
                telemetry.UseOtlpExporter();
                break;
        }

        return builder;
    }
}
