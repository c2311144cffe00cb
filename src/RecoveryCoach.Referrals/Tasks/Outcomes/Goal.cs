namespace RecoveryCoach.Referrals.Tasks.Outcomes;

/// <summary>A goal the person sets in the coaching agreement, in their own words.</summary>
/// <param name="Description">The goal, as the person puts it.</param>
/// <param name="Category">One of <see cref="GoalCategories.All"/>, for reporting.</param>
public sealed record Goal(string? Description, string? Category);

public static class GoalCategories
{
    public static IReadOnlyList<string> All { get; } =
        ["volunteering", "paid-work", "education", "creative-activity", "community-group", "health-and-wellbeing", "other"];
}
