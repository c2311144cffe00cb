using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RecoveryCoach.DurableTask;
using RecoveryCoach.Referrals.Telemetry;

namespace RecoveryCoach.Web.Hosting;

/// <summary>
/// OpenTelemetry for the web app: each request, the journey it starts (the adapter's and DTFx's
/// spans), each activity and email when this app runs the worker, the service's counters, and
/// the log lines. Exported to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
/// is set, else over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is, else nowhere.
/// </summary>
public static class Telemetry
{
    /// <summary>The service name the telemetry carries: the cloud role name in Application Insights.</summary>
    public const string ServiceName = "RecoveryCoach.Web";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // Registered first, so they run before any exporter sees a span or a line.
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new BackgroundCallFilter()).AddProcessor(new SpanScrubber()));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(new LogScrubber()));

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing.AddSource(
                ReferralTelemetry.SourceName, DurableTaskTracing.SourceName, DurableTaskTracing.DurableTaskCoreSource, "Microsoft.DurableTask"))
            .WithMetrics(metrics => metrics.AddMeter(ReferralTelemetry.MeterName))
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });

        switch (TelemetryExport.Choose(builder.Configuration))
        {
            case TelemetryExporter.AzureMonitor:
                // The distro adds the ASP.NET Core and HttpClient instrumentation itself. Live Metrics
                // would stream requests and exceptions through a path of its own, so it stays off.
                // Every trace is kept (the distro's default keeps 5 a second): a few hundred referrals
                // a week make few, and a journey's trace cut short would hide where it stopped.
                telemetry.UseAzureMonitor(azure =>
                {
                    azure.EnableLiveMetrics = false;
                    azure.TracesPerSecond = null;
                    azure.SamplingRatio = 1.0F;
                });
                break;
            case TelemetryExporter.Otlp:
                AddInstrumentation(telemetry).UseOtlpExporter();
                break;
            default:
                AddInstrumentation(telemetry);
                break;
        }

        services.AddSingleton<JourneyCensus>();
        services.AddHostedService(sp => sp.GetRequiredService<JourneyCensus>());
        return builder;
    }

    private static OpenTelemetryBuilder AddInstrumentation(OpenTelemetryBuilder telemetry) => telemetry
        .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
        .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
}
