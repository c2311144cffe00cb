using System.Text.Json;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Search;
using RecoveryCoach.Referrals.Submissions;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Referrals.Tasks.Outcomes;
using RecoveryCoach.Referrals.Tests.Rules;
using RecoveryCoach.Testing.Seeding;

namespace RecoveryCoach.Referrals.Tests.Seeding;

/// <summary>Ten thousand seeded referrals, the size the benchmark measures, made once for every test of their shape.</summary>
public sealed class TenThousandSeeded : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 12, 2, 16, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<SeededReferral> All { get; private set; } = [];

    public async Task InitializeAsync() => All = await SeededReferrals.GenerateAsync(seed: 1, count: 10_000, Now, ShippedRules.Ruleset);

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>The seeded store is what the service itself would hold: valid referrals, decided by the shipped rules, at every stage.</summary>
public sealed class SeededReferralsTests(TenThousandSeeded seeded) : IClassFixture<TenThousandSeeded>
{
    private static readonly DateTimeOffset Now = TenThousandSeeded.Now;

    private IReadOnlyList<SeededReferral> All => seeded.All;

    [Fact]
    public async Task The_same_seed_and_now_give_the_same_referrals_and_another_seed_other_people()
    {
        var first = await SeededReferrals.GenerateAsync(7, 300, Now, ShippedRules.Ruleset);
        var again = await SeededReferrals.GenerateAsync(7, 300, Now, ShippedRules.Ruleset);
        var other = await SeededReferrals.GenerateAsync(8, 300, Now, ShippedRules.Ruleset);

        again.Should().BeEquivalentTo(first, o => o.ComparingRecordsByMembers().WithStrictOrdering());
        other.Select(s => s.Referral.Id).Should().NotIntersectWith(first.Select(s => s.Referral.Id));
        other.Select(s => s.Referral.Details.Person.FamilyName).Should().NotEqual(first.Select(s => s.Referral.Details.Person.FamilyName));
    }

    [Fact]
    public void Every_stage_of_the_journey_is_there_and_none_is_left_for_the_rules_to_decide()
    {
        All.Select(s => s.Referral.Status).Distinct().Should().BeEquivalentTo(
            [ReferralStatus.Ineligible, ReferralStatus.AwaitingTriage, ReferralStatus.Allocated, ReferralStatus.Agreeing, ReferralStatus.Coaching, ReferralStatus.Closed]);
        All.Where(s => s.Referral.Closure is not null).Select(s => s.Referral.Closure!.Reason).Distinct().Should().BeEquivalentTo(
            [ClosureReasons.Completed, ClosureReasons.EndedEarly, ClosureReasons.Disengaged, ClosureReasons.MovedAway, ClosureReasons.NotRightNow, ClosureReasons.NotEngaged, ClosureReasons.Withdrawn]);
        All.Should().Contain(s => s.Referral.Status == ReferralStatus.Coaching && s.OpenTasks.Any(t => t.Type == CoachTaskType.Closure), "some are closing");
        All.Should().Contain(s => s.Referral.Status == ReferralStatus.Allocated && s.OpenTasks.Any(t => t.IsOverdue(Now)), "some first contacts are overdue");
        All.Should().Contain(s => s.Referral.DischargedOn != null && s.Referral.Plan!.ExtensionWeeks > 0);
    }

    [Fact]
    public void A_few_hundred_are_open_nearly_all_with_a_task_under_way_and_the_finished_have_none()
    {
        var open = All.Where(s => !s.Referral.IsFinished).ToList();

        open.Count.Should().BeInRange(200, 800);
        // A journey under way waits on a task, but for the days between the last check-in and the plan's end.
        open.Where(s => !s.OpenTasks.Any()).Should().OnlyContain(s =>
            s.Referral.Status == ReferralStatus.Coaching && (s.Referral.Plan!.EndsAt > Now || s.Referral.Closure != null));
        open.Count(s => s.OpenTasks.Any()).Should().BeGreaterThan(open.Count * 9 / 10);
        All.Where(s => s.Referral.IsFinished).Should().OnlyContain(s => !s.OpenTasks.Any());
        open.Where(s => s.Referral.Status == ReferralStatus.AwaitingTriage).Should().OnlyContain(s =>
            s.Referral.Allocation!.Team == null && s.OpenTasks.Single().Type == CoachTaskType.Triage && s.OpenTasks.Single().Team == null);
        open.Where(s => s.Referral.Status == ReferralStatus.Coaching).Should().OnlyContain(s => s.Referral.Plan != null && s.OpenTasks.All(t =>
            t.Type == CoachTaskType.CheckIn || t.Type == CoachTaskType.Closure || t.Type == CoachTaskType.ExtensionApproval));
    }

    [Fact]
    public void Details_are_what_the_validator_makes_of_a_submission_of_them()
    {
        foreach (var referral in All.Select(s => s.Referral))
        {
            var details = referral.Details;
            var validation = ReferralValidator.Validate(Submission(details), UkDay(referral.SubmittedAt));

            validation.Errors.Should().BeEmpty(referral.Reference);
            validation.Details.Should().BeEquivalentTo(details, o => o.ComparingRecordsByMembers());
            if (details.Person.NhsNumber is { } nhs)
            {
                NhsNumber.TryParse(nhs.Digits, out _).Should().BeTrue();
            }
        }
    }

    [Fact]
    public async Task Every_decision_is_the_shipped_rules_own_and_four_in_five_are_eligible()
    {
        foreach (var referral in All.Select(s => s.Referral).Where((_, i) => i % 7 == 0))
        {
            var day = UkDay(referral.SubmittedAt);
            var decision = await ShippedRules.Ruleset.DecideAsync(EligibilityFacts.For(referral.Details, day), AllocationFacts.For(referral.Details.Person.Postcode));

            referral.Eligibility.Should().BeEquivalentTo(decision.Eligibility, o => o.ComparingRecordsByMembers());
            referral.Journey.Should().Be(decision.Journey);
            if (referral.Allocation is { Rule: not null })
            {
                referral.Allocation.Should().Be(decision.Allocation);
            }
        }

        All.Count(s => s.Referral.Eligibility!.Eligible).Should().BeInRange(7_500, 8_500);
        All.Where(s => s.Referral.Status == ReferralStatus.Ineligible).Should().OnlyContain(s => s.Referral.Allocation == null && !s.Tasks.Any());
        All.Where(s => !s.Referral.Eligibility!.Eligible).SelectMany(s => s.Referral.Eligibility!.Criteria.Where(c => !c.Met).Select(c => c.Criterion)).Distinct()
            .Should().BeEquivalentTo(ShippedRules.Ruleset.RuleNames(Ruleset.EligibilityFile));
        All.Select(s => s.Referral.Allocation?.Team?.Code).Where(t => t != null).Distinct().Should().HaveCount(Team.All.Count);
    }

    [Fact]
    public void Every_done_task_holds_a_form_the_service_would_have_accepted()
    {
        foreach (var (referral, task) in All.SelectMany(s => s.Tasks.Where(t => t.Status == CoachTaskStatus.Done).Select(t => (s.Referral, t))))
        {
            using var form = JsonDocument.Parse(task.Outcome!);
            var dates = DateWindow.OfReferral(referral.SubmittedAt, task.CompletedAt!.Value);
            var context = new OutcomeContext(referral.Journey!, referral.Plan?.Goals.Count ?? 0, referral.Journey!.MaxExtensionWeeks, dates);

            TaskOutcomeValidator.Validate(task.Type, form.RootElement, context).Errors.Should().BeEmpty($"{task.Type} of {referral.Reference}");
        }
    }

    [Fact]
    public void The_people_are_like_the_teams_own_names_accents_and_referrers_included()
    {
        var people = All.Select(s => s.Referral.Details.Person).ToList();

        people.Should().Contain(p => p.GivenName != SearchKeys.Fold(p.GivenName) && SearchKeys.NameParts(p.GivenName).All(part => part.All(char.IsAscii)));
        people.Count(p => (p.GivenName + p.FamilyName).Any(c => c > 127)).Should().BeGreaterThan(100);
        people.Select(p => p.FamilyName).Distinct().Count().Should().BeGreaterThan(300);
        All.Select(s => s.Referral.Details.Referrer.Relationship).GroupBy(r => r).MaxBy(g => g.Count())!.Key.Should().Be(ReferrerRelationship.CareCoordinator);
        All.Select(s => s.Referral.Details.Referrer.Relationship).Distinct().Should().HaveCount(3);
        All.Where(s => s.Referral.Coach != null).Should().OnlyContain(s => SeededRoster.Coaches[s.Referral.TeamCode!].Contains(s.Referral.Coach!));
        All.Select(s => s.Referral.Reference).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Each_referral_fits_the_one_transaction_that_stores_it()
    {
        // The referral row, two decision rows and the audit lines: at most 100 actions.
        All.Max(s => s.Audit.Count).Should().BeLessThanOrEqualTo(97);
        All.Should().OnlyContain(s => s.Referral.UpdatedAt <= Now && s.Audit.All(a => a.At <= Now) && s.Tasks.All(t => t.CreatedAt <= Now));
    }

    private static DateOnly UkDay(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);

    private static ReferralSubmission Submission(ReferralDetails details) => new()
    {
        Person = new PersonSubmission
        {
            GivenName = details.Person.GivenName,
            FamilyName = details.Person.FamilyName,
            DateOfBirth = details.Person.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            NhsNumber = details.Person.NhsNumber?.Digits,
            Email = details.Person.Email,
            Phone = details.Person.Phone,
            Postcode = details.Person.Postcode.ToString(),
            GpPractice = details.Person.GpPractice,
            GpPracticeEmail = details.Person.GpPracticeEmail,
        },
        Referrer = new ReferrerSubmission
        {
            Relationship = details.Referrer.Relationship.ToName(),
            Name = details.Referrer.Name,
            Email = details.Referrer.Email,
            Phone = details.Referrer.Phone,
            Organisation = details.Referrer.Organisation,
        },
        CareCoordinator = details.CareCoordinator is { } coordinator
            ? new CareCoordinatorSubmission { Name = coordinator.Name, Email = coordinator.Email, Phone = coordinator.Phone }
            : null,
        InSecondaryMentalHealthServices = details.InSecondaryMentalHealthServices,
        ReadyToWorkTowardsDischarge = details.ReadyToWorkTowardsDischarge,
        StrugglingWithDischarge = details.StrugglingWithDischarge,
        Reason = details.Reason,
        Consent = true,
    };
}
