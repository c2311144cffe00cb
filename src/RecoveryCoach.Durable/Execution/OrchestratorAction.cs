namespace RecoveryCoach.Durable.Execution;

/// <summary>Something the orchestrator code asked for, numbered in the order it asked.</summary>
internal abstract record OrchestratorAction(int Id);

internal sealed record ScheduleTaskAction(int Id, string Name, string? Input) : OrchestratorAction(Id);

internal sealed record CreateTimerAction(int Id, DateTime FireAt) : OrchestratorAction(Id);
