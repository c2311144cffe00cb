using Bogus;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Intake;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Testing.Seeding;

/// <summary>
/// A realistic caseload of referrals, made the same way every time for a seed, so the staff
/// pages can be measured and tested against the store a team has after two years rather than
/// an empty one. Each referral is submitted as a referrer would fill in the form, validated by
/// the service's own validator, decided by the rules the service ships, and taken along its
/// journey by <see cref="SeededJourney"/> up to "now": the older ones closed, the recent ones
/// open at every stage, with their tasks.
/// </summary>
/// <remarks>
/// No referral is left <see cref="ReferralStatus.Received"/>: a host's sweep would start a
/// journey for it, and seeded referrals have none, since their journeys are played here.
/// </remarks>
public static class SeededReferrals
{
    /// <summary>How far back referrals go: about two years before "now".</summary>
    public static readonly TimeSpan Span = TimeSpan.FromDays(730);

    /// <summary>
    /// How recent a referral is for its district to be drawn more often from those a team lead
    /// triages. Triage takes a day or two and only one referral in twenty needs it, so left to
    /// chance the triage list of a seeded store would often be empty and its pages measured
    /// without it; one in four of the last ten days' new referrals keeps a few on it.
    /// </summary>
    private static readonly TimeSpan RecentForTriage = TimeSpan.FromDays(10);

    /// <summary>The shipped eligibility criteria by number: age, then the referrer's three answers in form order.</summary>
    private static readonly int[] Criterion = [0, 1, 2, 3];

    /// <summary>The rules the service ships, as copied beside this library.</summary>
    public static Ruleset ShippedRules() => Ruleset.Load(Path.Combine(AppContext.BaseDirectory, "rules"));

    /// <summary>Makes <paramref name="count"/> referrals submitted over the <see cref="Span"/> before <paramref name="now"/>, oldest first.</summary>
    /// <param name="rules">The rules that decide them; the shipped rules when null.</param>
    public static async Task<IReadOnlyList<SeededReferral>> GenerateAsync(int seed, int count, DateTimeOffset now, Ruleset? rules = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        rules ??= ShippedRules();
        var f = new Faker("en_GB") { Random = new Randomizer(seed) };
        var people = new SeededPeople(f);
        var references = new HashSet<string>(StringComparer.Ordinal);
        var referred = new List<(DateTimeOffset At, PersonSubmission Person, SeededPlaces.Area Area)>();
        var seeded = new List<SeededReferral>(count);
        foreach (var submittedAt in SubmissionTimes(f, count, now))
        {
            var day = SeededTime.UkDay(submittedAt);
            var (age, answers) = Criteria(f);
            var (person, area) = ReferredAgain(f, referred, submittedAt) ?? NewPerson(f, people, day, age, recent: submittedAt > now - RecentForTriage);
            referred.Add((submittedAt, person, area));
            var (referrer, coordinator) = people.Referrer(area);
            var submission = new ReferralSubmission
            {
                Person = person,
                Referrer = referrer,
                CareCoordinator = coordinator,
                InSecondaryMentalHealthServices = answers[0],
                ReadyToWorkTowardsDischarge = answers[1],
                StrugglingWithDischarge = answers[2],
                Reason = f.PickRandom<string>(SeededPlaces.Reasons),
                Consent = true,
            };
            var validation = ReferralValidator.Validate(submission, day);
            var details = validation.Details
                ?? throw new InvalidOperationException($"A seeded submission is invalid: {string.Join("; ", validation.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
            var decision = await rules.DecideAsync(EligibilityFacts.For(details, day), AllocationFacts.For(details.Person.Postcode)).ConfigureAwait(false);
            seeded.Add(Decided(f, now, submittedAt, details, decision, NewReference(f, references), area.Team));
        }

        return seeded;
    }

    /// <summary>
    /// The referral as the rules left it, with the timeline lines intake and the decision
    /// write, then, when it is eligible, as far along its journey as it has come by now.
    /// </summary>
    private static SeededReferral Decided(
        Faker f, DateTimeOffset now, DateTimeOffset submittedAt, ReferralDetails details, RulesDecision decision, string reference, string triageTeam)
    {
        var decidedAt = submittedAt.AddSeconds(f.Random.Double(1, 30));
        var (eligibility, allocation) = (decision.Eligibility, decision.Allocation);
        var status = !eligibility.Eligible ? ReferralStatus.Ineligible
            : allocation!.NeedsTriage ? ReferralStatus.AwaitingTriage
            : ReferralStatus.Allocated;
        var referral = new Referral(
            Convert.ToHexStringLower(f.Random.Bytes(16)), reference, status, details, submittedAt, decidedAt, eligibility, allocation, decision.Journey);
        var rulesActor = $"rules {eligibility.RulesetVersion}";
        var audit = new List<AuditEntry>
        {
            new(submittedAt, $"referrer ({details.Referrer.Relationship.ToName()})", "received", $"Referral {reference} received."),
            new(decidedAt, rulesActor, "eligibility-decided", eligibility.Eligible
                ? "Eligible: every criterion is met."
                : $"Not eligible: {string.Join(" ", eligibility.Criteria.Where(c => !c.Met).Select(c => c.Reason))}"),
        };
        if (allocation is not null)
        {
            audit.Add(new(decidedAt, rulesActor, allocation.NeedsTriage ? "triage-needed" : "allocated", allocation.Reason));
        }

        var (played, tasks) = eligibility.Eligible
            ? SeededJourney.Play(f, now, referral, decidedAt, triageTeam, audit)
            : (referral, []);
        return new SeededReferral(played with { UpdatedAt = audit.Max(a => a.At) }, decidedAt, audit, tasks);
    }

    /// <summary>
    /// When each referral was submitted, oldest first: spread evenly over the span, fewer at
    /// weekends, and most in working hours, when care coordinators fill in the form.
    /// </summary>
    private static List<DateTimeOffset> SubmissionTimes(Faker f, int count, DateTimeOffset now)
    {
        var from = now - Span;
        var latest = now.AddMinutes(-5);
        var times = new List<DateTimeOffset>(count);
        while (times.Count < count)
        {
            var at = from + ((latest - from) * f.Random.Double());
            var day = SeededTime.LocalDay(at);
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && !f.Random.Bool(0.15f))
            {
                continue;
            }

            var inHours = f.Random.Bool(0.85f) ? SeededTime.OnDay(day, 8.5, 17.5, f) : at;
            times.Add(inHours < latest ? inHours : at);
        }

        return [.. times.Order()];
    }

    /// <summary>
    /// The person's age and the referrer's three answers: four in five meet every criterion;
    /// the rest miss one or more, most often not yet being ready to work towards discharge.
    /// </summary>
    private static (int Age, bool[] Answers) Criteria(Faker f)
    {
        var age = f.Random.WeightedRandom([f.Random.Int(18, 25), f.Random.Int(26, 35), f.Random.Int(36, 45), f.Random.Int(46, 55), f.Random.Int(56, 64)], [0.2f, 0.28f, 0.25f, 0.17f, 0.1f]);
        bool[] answers = [true, true, true];
        if (f.Random.Bool(0.8f))
        {
            return (age, answers);
        }

        var first = f.Random.WeightedRandom(Criterion, [0.25f, 0.25f, 0.3f, 0.2f]);
        var others = f.Random.Shuffle(Criterion.Where(c => c != first)).Take(f.Random.WeightedRandom([0, 1, 2], [0.75f, 0.2f, 0.05f]));
        foreach (var criterion in others.Prepend(first))
        {
            if (criterion == 0)
            {
                age = f.Random.Bool(0.3f) ? f.Random.Int(15, 16) : f.Random.Int(66, 80);
            }
            else
            {
                answers[criterion - 1] = false;
            }
        }

        return (age, answers);
    }

    /// <summary>Someone referred for the first time, from an area in proportion to the referrals it sends.</summary>
    /// <param name="recent">Submitted within <see cref="RecentForTriage"/> of now, when one in four comes from a district a team lead triages.</param>
    private static (PersonSubmission Person, SeededPlaces.Area Area) NewPerson(Faker f, SeededPeople people, DateOnly day, int age, bool recent)
    {
        var area = recent && f.Random.Bool(0.25f)
            ? f.PickRandom(SeededPlaces.Areas.Where(a => a.Triaged))
            : f.Random.WeightedRandom([.. SeededPlaces.Areas], [.. SeededPlaces.Areas.Select(a => a.Weight / 100f)]);
        return (people.Person(area, f.PickRandom(area.Districts), day, age), area);
    }

    /// <summary>
    /// Now and then a person referred before, at least five months ago, is referred again: the
    /// same name, date of birth, NHS number and address, so the same area and team.
    /// </summary>
    private static (PersonSubmission Person, SeededPlaces.Area Area)? ReferredAgain(
        Faker f, List<(DateTimeOffset At, PersonSubmission Person, SeededPlaces.Area Area)> referred, DateTimeOffset submittedAt)
    {
        if (referred.Count == 0 || !f.Random.Bool(0.03f))
        {
            return null;
        }

        var earlier = referred[f.Random.Int(0, referred.Count - 1)];
        return earlier.At < submittedAt.AddDays(-150) ? (earlier.Person, earlier.Area) : null;
    }

    /// <summary>A reference no other seeded referral has, from the alphabet intake uses.</summary>
    private static string NewReference(Faker f, HashSet<string> taken)
    {
        while (true)
        {
            var reference = "RC-" + new string([.. Enumerable.Range(0, ReferenceGenerator.Length).Select(_ => f.PickRandom(ReferenceGenerator.Alphabet.ToCharArray()))]);
            if (taken.Add(reference))
            {
                return reference;
            }
        }
    }
}
