using System.Globalization;
using System.Text.Json;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.Rules.Testing;

/// <summary>
/// One case from <c>rules/tests/*.json</c>: what the rules see and what they must decide. A case
/// gives either a referral, decided as the service decides one, or only the facts the journey
/// rules see.
/// </summary>
/// <param name="File">The file it is in, as messages name it: <c>tests/ages.json</c>.</param>
/// <param name="Name">Its name, unique in the file.</param>
/// <param name="Eligibility">For a referral case, what the eligibility rules see.</param>
/// <param name="Postcode">For a referral case, the person's postcode; null to check eligibility only.</param>
/// <param name="Journey">For a journey case, what the journey rules see.</param>
public sealed record RuleTestCase(string File, string Name, EligibilityFacts? Eligibility, UkPostcode? Postcode, JourneyFacts? Journey, RuleTestExpectation Expect)
{
    /// <summary>What a test file calls a referral waiting for a team lead.</summary>
    public const string Triage = "triage";

    /// <summary>Reads a case already checked against the tests schema; null, with the errors added, when it makes no sense.</summary>
    internal static RuleTestCase? Read(string file, JsonElement entry, List<string> errors)
    {
        var name = entry.GetProperty(nameof(Name)).GetString()!;
        var problems = new List<string>();
        var expect = RuleTestExpectation.Read(entry.GetProperty(nameof(Expect)), problems);
        RuleTestCase? read = null;
        var hasReferral = entry.TryGetProperty("Referral", out var referral);
        var hasJourney = entry.TryGetProperty(nameof(Journey), out var journey);
        if (hasReferral == hasJourney)
        {
            problems.Add("give either Referral or Journey, not both or neither");
        }
        else if (hasJourney)
        {
            if (expect.Eligible is not null || expect.Unmet is not null || expect.Team is not null || expect.RuleGiven)
            {
                problems.Add("a Journey case can only Expect Journey values");
            }

            var team = journey.GetProperty("Team").GetString()!;
            var age = journey.TryGetProperty("AgeInYears", out var a) ? a.GetInt32() : JourneyFacts.Sample.AgeInYears;
            read = new RuleTestCase(file, name, null, null, new JourneyFacts(team == Triage ? string.Empty : team, age), expect);
        }
        else
        {
            var facts = FactsOf(referral, problems);
            UkPostcode? postcode = null;
            if (referral.TryGetProperty(nameof(Postcode), out var p) && !UkPostcode.TryParse(p.GetString(), out postcode))
            {
                problems.Add($"Referral.Postcode \"{p.GetString()}\" is not a UK postcode");
            }
            else if (!referral.TryGetProperty(nameof(Postcode), out _) && (expect.Team is not null || expect.RuleGiven || expect.Journey is not null))
            {
                problems.Add("Referral needs a Postcode to check Team, Rule or Journey");
            }

            read = facts is null ? null : new RuleTestCase(file, name, facts, postcode, null, expect);
        }

        foreach (var problem in problems)
        {
            errors.Add($"{file}:{name}: {problem}");
        }

        return problems.Count == 0 ? read : null;
    }

    private static EligibilityFacts? FactsOf(JsonElement referral, List<string> problems)
    {
        bool Answer(string property) => !referral.TryGetProperty(property, out var value) || value.GetBoolean();

        var hasAge = referral.TryGetProperty("AgeInYears", out var age);
        var hasBirth = referral.TryGetProperty("DateOfBirth", out var birth);
        var hasDay = referral.TryGetProperty("ReferredOn", out var day);
        int years;
        if (hasAge && !hasBirth && !hasDay)
        {
            years = age.GetInt32();
        }
        else if (!hasAge && hasBirth && hasDay)
        {
            var born = DateOnly.ParseExact(birth.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var on = DateOnly.ParseExact(day.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (born > on)
            {
                problems.Add("Referral.DateOfBirth is after ReferredOn");
                return null;
            }

            years = EligibilityFacts.AgeOn(born, on);
        }
        else
        {
            problems.Add("Referral needs AgeInYears, or DateOfBirth with ReferredOn, but not both");
            return null;
        }

        return new EligibilityFacts(years, Answer("InSecondaryMentalHealthServices"), Answer("ReadyToWorkTowardsDischarge"), Answer("StrugglingWithDischarge"));
    }
}
