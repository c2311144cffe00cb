namespace RecoveryCoach.Referrals.Rules.Testing;

/// <summary>
/// The outcome of running the test cases: each case passed or failed with its differences, the
/// problems that kept files or cases from running, and the rules no case checks.
/// </summary>
/// <param name="Errors">Problems with the test files themselves, as <c>file:case: message</c>.</param>
/// <param name="Uncovered">Rules no case checks, as <c>file:rule: message</c>.</param>
public sealed record RuleTestReport(string Version, IReadOnlyList<RuleTestResult> Results, IReadOnlyList<string> Errors, IReadOnlyList<string> Uncovered)
{
    /// <summary>True only when there were cases, every one passed, every file could be read and every rule is checked.</summary>
    public bool Passed => Results.Count > 0 && Errors.Count == 0 && Uncovered.Count == 0 && Results.All(r => r.Passed);
}

/// <param name="Differences">Each thing the rules decided otherwise than the case expects.</param>
/// <param name="Error">Why the rules could not decide the case at all; null when they did.</param>
public sealed record RuleTestResult(string File, string Case, IReadOnlyList<RuleTestDifference> Differences, string? Error)
{
    public bool Passed => Error is null && Differences.Count == 0;
}

/// <summary>One thing decided otherwise than expected: <c>Team</c> expected <c>cambridge</c>, got <c>triage</c>.</summary>
public sealed record RuleTestDifference(string Field, string Expected, string Actual);
