using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace RecoveryCoach.Web.Tests.Telemetry;

/// <summary>
/// Everything the host's OpenTelemetry pipeline exports, caught by the in-memory exporters added
/// after the host's own processors, as any real exporter is.
/// </summary>
public sealed class CapturedTelemetry
{
    private readonly List<Activity> spans = [];
    private readonly List<MetricSnapshot> metrics = [];
    private readonly List<LogRecord> logs = [];

    public void AddExporters(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(logs));
    }

    /// <summary>Exports what is pending: the counters' current sums above all.</summary>
    public static void Flush(IServiceProvider services)
    {
        services.GetRequiredService<TracerProvider>().ForceFlush().Should().BeTrue();
        services.GetRequiredService<MeterProvider>().ForceFlush().Should().BeTrue();
        services.GetRequiredService<LoggerProvider>().ForceFlush().Should().BeTrue();
    }

    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (spans)
            {
                return [.. spans];
            }
        }
    }

    public IReadOnlyList<MetricSnapshot> Metrics
    {
        get
        {
            lock (metrics)
            {
                return [.. metrics];
            }
        }
    }

    public IReadOnlyList<LogRecord> Logs
    {
        get
        {
            lock (logs)
            {
                return [.. logs];
            }
        }
    }

    /// <summary>The sum of a counter over its points whose tag has the value, at the latest export.</summary>
    public long Sum(string metric, string tag, string value) =>
        Metrics.LastOrDefault(m => m.Name == metric) is { } last
            ? last.MetricPoints.Where(p => Tags(p).Any(t => t.Key == tag && Equals(t.Value, value))).Sum(p => last.MetricType == MetricType.LongGauge ? p.GetGaugeLastValueLong() : p.GetSumLong())
            : 0;

    /// <summary>Every piece of text exported, each with where it was found.</summary>
    public IEnumerable<(string Where, string Text)> Texts()
    {
        foreach (var span in Spans)
        {
            var at = $"span '{span.DisplayName}'";
            yield return (at + " name", span.DisplayName);
            yield return (at + " operation", span.OperationName);
            yield return (at + " status", span.StatusDescription ?? string.Empty);
            yield return (at + " trace state", span.TraceStateString ?? string.Empty);
            foreach (var (key, value) in span.TagObjects)
            {
                yield return ($"{at} tag {key}", $"{key}={value}");
            }

            foreach (var spanEvent in span.Events)
            {
                yield return ($"{at} event", spanEvent.Name);
                foreach (var (key, value) in spanEvent.Tags)
                {
                    yield return ($"{at} event {spanEvent.Name} tag {key}", $"{key}={value}");
                }
            }

            foreach (var (key, value) in span.Baggage)
            {
                yield return ($"{at} baggage", $"{key}={value}");
            }
        }

        foreach (var metric in Metrics)
        {
            var at = $"metric '{metric.Name}'";
            yield return (at, $"{metric.Name} {metric.Description} {metric.Unit} {metric.MeterName}");
            foreach (var point in metric.MetricPoints)
            {
                foreach (var (key, value) in Tags(point))
                {
                    yield return ($"{at} tag {key}", $"{key}={value}");
                }
            }
        }

        foreach (var log in Logs)
        {
            var at = $"log {log.CategoryName} {log.EventId}";
            yield return (at + " body", log.Body ?? string.Empty);
            yield return (at + " message", log.FormattedMessage ?? string.Empty);
            yield return (at + " exception", log.Exception?.ToString() ?? string.Empty);
            foreach (var (key, value) in log.Attributes ?? [])
            {
                yield return ($"{at} attribute {key}", $"{key}={value}");
            }

            var scopes = new List<string>();
            log.ForEachScope(
                (scope, found) =>
                {
                    foreach (var (key, value) in scope)
                    {
                        found.Add($"{key}={value}");
                    }
                },
                scopes);
            foreach (var scope in scopes)
            {
                yield return (at + " scope", scope);
            }
        }
    }

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }
}
