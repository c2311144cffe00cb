using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.Live;

namespace RecoveryCoach.Referrals.Tests.Rules;

public sealed class RulesInForceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);

    private readonly RuleFolder folder = new();
    private readonly FakeTimeProvider clock = new(Start);

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Constructor_BrokenFiles_ThrowsSoTheServiceDoesNotStart()
    {
        folder.Replace(Ruleset.EligibilityFile, "referral.AgeInYears >= 17", "referral.Age >= 17");

        var act = () => InForce();

        act.Should().Throw<RulesetException>().Which.Errors.Should().ContainSingle().Which.Should().StartWith("eligibility.json:Aged 17 to 65:");
    }

    [Fact]
    public async Task Reload_GoodEdit_PutsTheWholeNewRulesetInForce()
    {
        var rules = InForce();
        var before = rules.Current;
        folder.Replace(Ruleset.EligibilityFile, "referral.AgeInYears >= 17", "referral.AgeInYears >= 16");
        clock.Advance(TimeSpan.FromMinutes(5));

        var outcome = rules.Reload();

        outcome.Should().Be(RulesReloadOutcome.Reloaded);
        rules.Current.Should().NotBeSameAs(before);
        rules.Current.Version.Should().Be(RuleFiles.Read(folder.Path).Version).And.NotBe(before.Version);
        rules.State.LoadedAt.Should().Be(Start.AddMinutes(5));
        rules.State.ReloadError.Should().BeNull();
        (await rules.Current.DecideEligibilityAsync(new EligibilityFacts(16, true, true, true))).Eligible.Should().BeTrue();
    }

    [Fact]
    public async Task Reload_BadEdit_KeepsTheLastGoodRulesetAndShowsEveryError()
    {
        var rules = InForce();
        var good = rules.Current;
        folder
            .Replace(Ruleset.EligibilityFile, "referral.AgeInYears >= 17", "referral.AgeInYears >= 16")
            .Replace(Ruleset.AllocationFile, "\"SuccessEvent\": \"huntingdon\"", "\"SuccessEvent\": \"hunts\"");
        clock.Advance(TimeSpan.FromMinutes(5));

        var outcome = rules.Reload();

        outcome.Should().Be(RulesReloadOutcome.Rejected);
        rules.Current.Should().BeSameAs(good, "a bad edit never half-applies: the good eligibility change waits with the rest");
        (await rules.Current.DecideEligibilityAsync(new EligibilityFacts(16, true, true, true))).Eligible.Should().BeFalse();
        rules.State.LoadedAt.Should().Be(Start);
        rules.State.ReloadError.Should().BeEquivalentTo(new RulesetReloadError(
            RuleFiles.Read(folder.Path).Version,
            Start.AddMinutes(5),
            ["allocation.json:Huntingdon: SuccessEvent must name a team (cambridge, huntingdon, peterborough-fenland, manual-triage), not \"hunts\""]));
    }

    [Fact]
    public void Reload_SameContent_ChangesNothing()
    {
        var rules = InForce();
        var state = rules.State;
        File.SetLastWriteTimeUtc(Path.Combine(folder.Path, Ruleset.JourneyFile), DateTime.UtcNow.AddMinutes(1));
        clock.Advance(TimeSpan.FromMinutes(5));

        var outcome = rules.Reload();

        outcome.Should().Be(RulesReloadOutcome.Unchanged);
        rules.State.Should().BeSameAs(state);
    }

    [Fact]
    public void Reload_BadEditSeenAgain_IsNotCheckedOrReportedTwice()
    {
        var rules = InForce();
        folder.Replace(Ruleset.JourneyFile, "\"Expression\": \"8\"", "\"Expression\": \"eight\"");
        rules.Reload();
        var refused = rules.State;
        clock.Advance(TimeSpan.FromMinutes(5));

        var outcome = rules.Reload();

        outcome.Should().Be(RulesReloadOutcome.Unchanged);
        rules.State.Should().BeSameAs(refused);
    }

    [Fact]
    public void Reload_BadEditUndone_ClearsTheErrorAndKeepsTheRulesInForce()
    {
        var rules = InForce();
        var good = rules.Current;
        var text = File.ReadAllText(Path.Combine(folder.Path, Ruleset.JourneyFile));
        folder.Write(Ruleset.JourneyFile, text.Replace("\"Expression\": \"8\"", "\"Expression\": \"eight\"", StringComparison.Ordinal));
        rules.Reload().Should().Be(RulesReloadOutcome.Rejected);

        folder.Write(Ruleset.JourneyFile, text);
        var outcome = rules.Reload();

        outcome.Should().Be(RulesReloadOutcome.Unchanged);
        rules.Current.Should().BeSameAs(good);
        rules.State.ReloadError.Should().BeNull();
    }

    [Fact]
    public void Reload_FileDeleted_IsRefusedNamingTheFile()
    {
        var rules = InForce();
        var good = rules.Current;
        folder.Delete(Ruleset.AllocationFile);

        var outcome = rules.Reload();

        outcome.Should().Be(RulesReloadOutcome.Rejected);
        rules.Current.Should().BeSameAs(good);
        rules.State.ReloadError!.Errors.Should().ContainSingle().Which.Should().StartWith("allocation.json: the file is missing");
    }

    [Fact]
    public void Reload_EditWithADurationUnderADay_GoesLiveAndLogsTheWarning()
    {
        var log = new WarningLog();
        var rules = InForce(log);
        folder.SetJourneyOutput("Escalate to the team lead 2 days past due", "0.2");

        var outcome = rules.Reload();

        outcome.Should().Be(RulesReloadOutcome.Reloaded);
        log.Lines.Should().Equal(
            $"Rules version {rules.Current.Version} is in force with a value probably not meant: journey.json:Escalate to the team lead 2 days past due: EscalateAfterDays is 0.2 days (about 5 hours): overdue tasks will go to the team lead that soon after their first reminder");
    }

    private RulesInForce InForce(ILogger<RulesInForce>? logger = null) =>
        new(Microsoft.Extensions.Options.Options.Create(new RulesOptions { Path = folder.Path }), clock, logger ?? NullLogger<RulesInForce>.Instance);

    /// <summary>Keeps the warnings logged, as the operator reading the log sees them.</summary>
    private sealed class WarningLog : ILogger<RulesInForce>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}
