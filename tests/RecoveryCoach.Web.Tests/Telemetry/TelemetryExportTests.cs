using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using RecoveryCoach.Referrals.Telemetry;
using RecoveryCoach.Web.Hosting;

namespace RecoveryCoach.Web.Tests.Telemetry;

/// <summary>
/// Which exporter the web app's telemetry goes to, by its settings: Application Insights'
/// connection string wins, then an OTLP endpoint, else nothing leaves the process. Each exporter
/// is shown sending a span to a local endpoint standing in for the real one.
/// </summary>
[Collection(nameof(ProcessWideTelemetry))]
public sealed class TelemetryExportTests
{
    private const string AzureMonitorAssembly = "Azure.Monitor.OpenTelemetry";
    private const string OtlpAssembly = "OpenTelemetry.Exporter.OpenTelemetryProtocol";

    [Theory]
    [InlineData("InstrumentationKey=x", null, TelemetryExporter.AzureMonitor)]
    [InlineData("InstrumentationKey=x", "http://collector:4318", TelemetryExporter.AzureMonitor)]
    [InlineData(null, "http://collector:4318", TelemetryExporter.Otlp)]
    [InlineData(" ", "http://collector:4318", TelemetryExporter.Otlp)]
    [InlineData(null, null, TelemetryExporter.None)]
    [InlineData("", "", TelemetryExporter.None)]
    public void Choose_BySettings_PrefersApplicationInsightsThenOtlp(string? connectionString, string? otlpEndpoint, TelemetryExporter expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(connectionString, otlpEndpoint)).Build();

        TelemetryExport.Choose(configuration).Should().Be(expected);
    }

    [Fact]
    public async Task An_Application_Insights_connection_string_sends_spans_to_its_ingestion_endpoint_and_nothing_over_OTLP()
    {
        using var ingestion = new CollectorStub();
        var (app, exporters) = Build(Settings($"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={ingestion.Address}", otlpEndpoint: "http://127.0.0.1:9/"));

        // The distro sets up its exporter as the host starts.
        await app.StartAsync();
        var paths = await ExportOneSpanAsync(app, ingestion);
        await app.StopAsync();

        paths.Should().Contain("/v2.1/track");
        exporters.Should().Equal(AzureMonitorAssembly);
    }

    [Fact]
    public async Task An_OTLP_endpoint_alone_sends_spans_to_the_collector()
    {
        using var collector = new CollectorStub();
        var settings = Settings(connectionString: null, collector.Address.ToString().TrimEnd('/'));
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        var (app, exporters) = Build(settings);

        var paths = await ExportOneSpanAsync(app, collector);

        paths.Should().Contain("/v1/traces");
        exporters.Should().Equal(OtlpAssembly);
    }

    [Fact]
    public void Neither_setting_registers_no_exporter_yet_still_makes_the_spans()
    {
        var (app, exporters) = Build(Settings(connectionString: null, otlpEndpoint: null));

        exporters.Should().BeEmpty();
        app.Services.GetRequiredService<TracerProvider>();
        using var span = ReferralTelemetry.Source.StartActivity("probe");
        span.Should().NotBeNull("the service's spans are still made, for the in-process pipeline");
    }

    private static Dictionary<string, string?> Settings(string? connectionString, string? otlpEndpoint) => new()
    {
        [TelemetryExport.ApplicationInsightsSetting] = connectionString,
        [TelemetryExport.OtlpEndpointSetting] = otlpEndpoint,
    };

    /// <returns>The app, and the exporter packages that registered anything in its services.</returns>
    private static (WebApplication App, List<string> Exporters) Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddTelemetry();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // The journeys census needs the referral tables, which this app leaves out.
        foreach (var census in builder.Services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && d.ImplementationFactory?.Method.DeclaringType?.Assembly == typeof(Program).Assembly).ToList())
        {
            builder.Services.Remove(census);
        }

        List<string> exporters = [.. builder.Services
            .SelectMany(TypesOf)
            .Select(t => t.Assembly.GetName().Name!)
            .Where(a => a.StartsWith(AzureMonitorAssembly, StringComparison.Ordinal) || a == OtlpAssembly)
            .Select(a => a.StartsWith(AzureMonitorAssembly, StringComparison.Ordinal) ? AzureMonitorAssembly : a)
            .Distinct()];
        return (builder.Build(), exporters);
    }

    private static IEnumerable<Type> TypesOf(ServiceDescriptor service)
    {
        var implementation = service.IsKeyedService
            ? service.KeyedImplementationType ?? service.KeyedImplementationInstance?.GetType() ?? service.KeyedImplementationFactory?.Method.DeclaringType
            : service.ImplementationType ?? service.ImplementationInstance?.GetType() ?? service.ImplementationFactory?.Method.DeclaringType;
        return new[] { service.ServiceType, implementation }.OfType<Type>().SelectMany(t => t.IsGenericType ? t.GetGenericArguments().Append(t) : [t]);
    }

    private static async Task<IReadOnlyList<string>> ExportOneSpanAsync(WebApplication app, CollectorStub endpoint)
    {
        var tracing = app.Services.GetRequiredService<TracerProvider>();
        using (ReferralTelemetry.Source.StartActivity("probe"))
        {
        }

        tracing.ForceFlush(10_000);
        return await Eventually.UntilAsync(() => Task.FromResult(endpoint.Paths), p => p.Count > 0, "the exporter should have sent the span");
    }
}
