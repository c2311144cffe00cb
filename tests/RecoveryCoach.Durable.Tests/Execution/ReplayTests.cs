using RecoveryCoach.Durable.History;

namespace RecoveryCoach.Durable.Tests.Execution;

/// <summary>Replay as a pure function of code and history, with no storage.</summary>
public sealed class ReplayTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    private static List<HistoryEvent> StartedThenOneActivity(string activity) =>
    [
        new OrchestratorStarted { Timestamp = T0 },
        new ExecutionStarted("Greeter", "1", "\"Ada\"", "e1") { Timestamp = T0 },
        new TaskScheduled(0, activity, "\"Ada\"") { Timestamp = T0 },
        new OrchestratorStarted { Timestamp = T0.AddSeconds(1) },
        new TaskCompleted(0, "\"Hello Ada\"") { Timestamp = T0.AddSeconds(1) },
    ];

    private static DelegateOrchestrator Greeter(string activity) => new DelegateOrchestrator(async (context, name) =>
    {
        var greeting = await context.CallActivityAsync<string>(activity, name);
        await context.CreateTimer(context.CurrentUtcDateTime.AddDays(1), CancellationToken.None);
        return greeting + "!";
    });

    [Fact]
    public void Replaying_a_matching_history_rebuilds_the_state_and_names_the_next_action()
    {
        var result = OrchestrationReplayer.Replay(Greeter("SayHello"), "i1", StartedThenOneActivity("SayHello"));

        result.Status.Should().Be(OrchestrationRuntimeStatus.Running);
        result.PendingActions.Should().Equal($"timer {T0.AddSeconds(1).AddDays(1):o}");
    }

    [Fact]
    public void The_current_time_on_replay_is_the_recorded_step_time_not_the_clock()
    {
        var history = StartedThenOneActivity("SayHello");
        history.AddRange([
            new TimerCreated(1, T0.AddSeconds(1).AddDays(1)) { Timestamp = T0.AddSeconds(1) },
            new OrchestratorStarted { Timestamp = T0.AddDays(1).AddSeconds(5) },
            new TimerFired(1, T0.AddSeconds(1).AddDays(1)),
        ]);

        var result = OrchestrationReplayer.Replay(Greeter("SayHello"), "i1", history);

        result.Status.Should().Be(OrchestrationRuntimeStatus.Completed);
        result.Output.Should().Be("\"Hello Ada!\"");
    }

    [Fact]
    public void A_different_activity_name_is_a_non_determinism_error_naming_both()
    {
        var replay = () => OrchestrationReplayer.Replay(Greeter("SayGoodbye"), "i1", StartedThenOneActivity("SayHello"));

        replay.Should().Throw<NonDeterministicOrchestrationException>()
            .Which.Message.Should().Contain("'SayHello'").And.Contain("'SayGoodbye'").And.Contain("#0");
    }

    [Fact]
    public void A_different_kind_of_action_is_a_non_determinism_error()
    {
        var timerFirst = new DelegateOrchestrator(async (context, _) =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddHours(1), CancellationToken.None);
            return "x";
        });

        var replay = () => OrchestrationReplayer.Replay(timerFirst, "i1", StartedThenOneActivity("SayHello"));

        replay.Should().Throw<NonDeterministicOrchestrationException>().Which.Message.Should().Contain("a timer");
    }

    [Fact]
    public void Code_that_no_longer_asks_for_a_recorded_action_is_a_non_determinism_error()
    {
        var doesNothing = new DelegateOrchestrator((_, name) => Task.FromResult(name));

        var replay = () => OrchestrationReplayer.Replay(doesNothing, "i1", StartedThenOneActivity("SayHello"));

        replay.Should().Throw<NonDeterministicOrchestrationException>().Which.Message.Should().Contain("did not ask for action #0");
    }

    [Fact]
    public void NewGuid_is_the_same_on_every_replay_and_differs_between_calls()
    {
        var guids = new DelegateOrchestrator((context, _) => Task.FromResult($"{context.NewGuid()}|{context.NewGuid()}"));
        List<HistoryEvent> history = [new OrchestratorStarted { Timestamp = T0 }, new ExecutionStarted("Guids", "1", "\"x\"", "e1") { Timestamp = T0 }];

        var first = OrchestrationReplayer.Replay(guids, "i1", history).Output!;
        var second = OrchestrationReplayer.Replay(guids, "i1", history).Output!;

        first.Should().Be(second);
        var parts = first.Trim('"').Split('|');
        parts[0].Should().NotBe(parts[1]);
    }

    [Fact]
    public void A_replay_safe_logger_is_silent_while_replaying()
    {
        var logged = new List<string>();
        var chatty = new DelegateOrchestrator(async (context, name) =>
        {
            var log = context.CreateReplaySafeLogger(new ListLogger(logged));
            log.Log(Microsoft.Extensions.Logging.LogLevel.Information, new Microsoft.Extensions.Logging.EventId(1), name, null, (who, _) => $"greeting {who}");
            return await context.CallActivityAsync<string>("SayHello", name);
        });

        OrchestrationReplayer.Replay(chatty, "i1", StartedThenOneActivity("SayHello"));

        logged.Should().BeEmpty();
    }

    private sealed class ListLogger(List<string> lines) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Add(formatter(state, exception));
    }

    private sealed class DelegateOrchestrator(Func<TaskOrchestrationContext, string, Task<string>> run) : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => run(context, input);
    }
}
