namespace RecoveryCoach.Referrals.Rules.Diff;

/// <summary>What happened to one rule, or to a whole file, between two versions of the rules.</summary>
public enum RuleChangeKind
{
    /// <summary>A rule only the newer version has.</summary>
    Added,

    /// <summary>A rule only the older version has.</summary>
    Removed,

    /// <summary>A rule in both whose content differs.</summary>
    Changed,

    /// <summary>A rule in both that is tried in another order; for allocation and journey rules the first match wins, so order decides.</summary>
    Moved,

    /// <summary>A file only the newer version has.</summary>
    FileAdded,

    /// <summary>A file only the older version has.</summary>
    FileRemoved,
}

/// <param name="File">The rule file: <c>allocation.json</c>.</param>
/// <param name="Rule">The rule's name; null for a change to the file as a whole.</param>
/// <param name="Fields">For a changed rule or file, each field that differs.</param>
/// <param name="From">For a moved rule, its position (from 1) in the older version.</param>
/// <param name="To">For a moved rule, its position (from 1) in the newer version.</param>
public sealed record RuleChange(string File, string? Rule, RuleChangeKind Kind, IReadOnlyList<FieldChange> Fields, int? From = null, int? To = null);

/// <summary>One field of a rule that differs, such as <c>Expression</c> or <c>Properties.note</c>.</summary>
/// <param name="Before">The older value; null when the field was not there.</param>
/// <param name="After">The newer value; null when the field is gone.</param>
/// <param name="Removed">For an expression, the words and values only the older one has, such as <c>"CB9"</c> or <c>17</c>.</param>
/// <param name="Added">For an expression, the words and values only the newer one has.</param>
public sealed record FieldChange(string Field, string? Before, string? After, IReadOnlyList<string> Removed, IReadOnlyList<string> Added);
