namespace RecoveryCoach.Referrals.Rules.Schema;

/// <summary>
/// One way a JSON document breaks its schema: where, and what is wrong, phrased to follow the
/// place's name (<c>Expression</c> + <c>must be text, not a number</c>), so the caller can name
/// the place from the rule or test case it belongs to.
/// </summary>
/// <param name="Path">Property names and list positions from the document's root to the place.</param>
/// <param name="Problem">What is wrong with it, in words for a policy owner.</param>
public sealed record SchemaError(IReadOnlyList<object> Path, string Problem)
{
    /// <summary>The place as a policy owner would look for it: <c>Actions.OnSuccess.Name</c>, <c>Unmet[1]</c>.</summary>
    /// <param name="skip">How many leading segments the caller has already named (a rule, a case).</param>
    public string PlaceAfter(int skip) =>
        string.Concat(Path.Skip(skip).Select((segment, i) => segment is int index ? $"[{index}]" : (i == 0 ? string.Empty : ".") + segment));
}
