using System.ComponentModel.DataAnnotations;
using RecoveryCoach.Referrals.Notifications;

namespace RecoveryCoach.Referrals.Tests.Notifications;

/// <summary>
/// Team codes as settings keys: App Service on Linux takes no '-' in a setting's name, so
/// Notifications__TeamInboxes__peterborough_fenland has to name the Peterborough &amp; Fenland team.
/// </summary>
public sealed class NotificationOptionsTests
{
    [Fact]
    public void A_key_with_underscores_for_dashes_names_the_same_team()
    {
        var options = Valid();
        options.TeamInboxes.Remove("peterborough-fenland");
        options.TeamLeadInboxes.Remove("peterborough-fenland");
        options.TeamInboxes["peterborough_fenland"] = "pf-team@example.nhs.uk";
        options.TeamLeadInboxes["Peterborough_Fenland"] = "pf-lead@example.nhs.uk";

        Errors(options).Should().BeEmpty();
        options.TeamInboxes[Team.PeterboroughAndFenland.Code].Should().Be("pf-team@example.nhs.uk");
        options.TeamLeadInboxes[Team.PeterboroughAndFenland.Code].Should().Be("pf-lead@example.nhs.uk");
    }

    [Fact]
    public void A_team_with_no_inbox_under_either_spelling_still_fails_validation()
    {
        var options = Valid();
        options.TeamInboxes.Remove("peterborough-fenland");
        options.TeamInboxes["peterborough"] = "pf-team@example.nhs.uk";

        Errors(options).Should().ContainSingle().Which.Should().Contain("Notifications:TeamInboxes:peterborough-fenland");
    }

    private static NotificationOptions Valid()
    {
        var options = new NotificationOptions { TriageInbox = "triage@example.nhs.uk" };
        foreach (var team in Team.All)
        {
            options.TeamInboxes[team.Code] = $"{team.Code}-team@example.nhs.uk";
            options.TeamLeadInboxes[team.Code] = $"{team.Code}-lead@example.nhs.uk";
        }

        return options;
    }

    private static List<string?> Errors(NotificationOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage)];
    }
}
