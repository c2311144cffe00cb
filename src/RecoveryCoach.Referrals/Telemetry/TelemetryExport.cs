using Microsoft.Extensions.Configuration;

namespace RecoveryCoach.Referrals.Telemetry;

/// <summary>Where a host sends its traces, metrics and logs.</summary>
public enum TelemetryExporter
{
    /// <summary>Nowhere: spans and counters are made, and nothing leaves the process.</summary>
    None,

    /// <summary>Application Insights, through the Azure Monitor exporter.</summary>
    AzureMonitor,

    /// <summary>An OpenTelemetry collector, over OTLP.</summary>
    Otlp,
}

/// <summary>Chooses the exporter from the settings both hosts share, with their standard names.</summary>
public static class TelemetryExport
{
    /// <summary>Application Insights' connection string, as App Service and Functions name it.</summary>
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The OpenTelemetry SDK's own setting for an OTLP collector.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <returns>Azure Monitor when a connection string is set, else OTLP when an endpoint is, else none.</returns>
    public static TelemetryExporter Choose(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[ApplicationInsightsSetting]) ? TelemetryExporter.AzureMonitor
            : !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]) ? TelemetryExporter.Otlp
            : TelemetryExporter.None;
    }
}
