namespace RecoveryCoach.Referrals.Journey;

/// <summary>Staff record that the person was discharged from the trust.</summary>
/// <param name="DischargedOn">The date of discharge, <c>YYYY-MM-DD</c>.</param>
public sealed record DischargeRequest(string? DischargedOn);

/// <summary>The coach asks a team lead for more weeks.</summary>
/// <param name="Weeks">How many, within the weeks the journey rules still allow.</param>
public sealed record ExtensionRequest(int? Weeks);
