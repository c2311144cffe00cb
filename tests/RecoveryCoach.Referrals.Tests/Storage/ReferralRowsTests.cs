using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Tests.Storage;

/// <summary>How a referral's journey values are laid out in its row, old rows included; no table is needed for that.</summary>
public sealed class ReferralRowsTests
{
    private static readonly JourneyValues Whole = new(2, 7, 7, 2, 2, 3, 7, 6, 6, 8, 4, 3, "0123456789ab");

    [Fact]
    public void ToRecord_JourneyStoredWhenEveryValueWasAWholeNumber_ReadsTheSameValues()
    {
        var row = ReferralRows.ToEntity(TestReferrals.Allocated(Team.Cambridge) with { Journey = Whole });
        row["Journey"] = """
            {"TeamLeadDays":2,"FirstContactDays":7,"AgreementDays":7,"ReminderIntervalDays":2,"EscalateAfterDays":2,"ContactAttempts":3,"CheckInCadenceDays":7,"DefaultPlannedWeeks":6,"MinPlannedWeeks":6,"MaxPlannedWeeks":8,"MaxExtensionWeeks":4,"ClosureReminderDays":3,"RulesetVersion":"0123456789ab"}
            """;

        var journey = ReferralRows.ToRecord([row]).Referral.Journey;

        journey.Should().Be(Whole);
    }

    [Fact]
    public void ToEntity_WholeDays_AreWrittenAsBeforeAndFractionsAsDecimals()
    {
        var journey = Whole with { ReminderIntervalDays = 0.00003, TeamLeadDays = 0.5 };

        var row = ReferralRows.ToEntity(TestReferrals.Allocated(Team.Cambridge) with { Journey = journey });

        row.GetString("Journey").Should().StartWith("""{"TeamLeadDays":0.5,"FirstContactDays":7,"AgreementDays":7,"ReminderIntervalDays":3E-05,""");
        ReferralRows.ToRecord([row]).Referral.Journey.Should().Be(journey);
    }
}
