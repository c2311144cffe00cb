namespace RecoveryCoach.Referrals.Tasks.Outcomes;

/// <summary>
/// ONS4 personal wellbeing: four questions each answered 0 to 10. They are reported separately
/// and never summed; for anxiety a lower answer is better.
/// </summary>
/// <param name="LifeSatisfaction">Overall, how satisfied are you with your life nowadays?</param>
/// <param name="Worthwhile">Overall, to what extent do you feel the things you do in your life are worthwhile?</param>
/// <param name="HappyYesterday">Overall, how happy did you feel yesterday?</param>
/// <param name="AnxiousYesterday">Overall, how anxious did you feel yesterday?</param>
public sealed record Wellbeing(int? LifeSatisfaction, int? Worthwhile, int? HappyYesterday, int? AnxiousYesterday);
