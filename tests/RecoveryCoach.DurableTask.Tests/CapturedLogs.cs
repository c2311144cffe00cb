using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RecoveryCoach.DurableTask.Tests;

/// <summary>Keeps every log line, with its event id, in memory.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId Id, string Message)> lines = new();

    public IReadOnlyCollection<(string Category, EventId Id, string Message)> Lines => lines;

    public bool Has(int eventId) => lines.Any(l => l.Id.Id == eventId && l.Category.StartsWith("RecoveryCoach", StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, EventId, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, eventId, formatter(state, exception)));
    }
}
