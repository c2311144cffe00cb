namespace RecoveryCoach.Web.Tests.Telemetry;

/// <summary>
/// Spans and counters are process-wide: while these tests run, no other test's host runs beside
/// them, so what they catch is their own and their counts are exact.
/// </summary>
[CollectionDefinition(nameof(ProcessWideTelemetry), DisableParallelization = true)]
public sealed class ProcessWideTelemetry;
