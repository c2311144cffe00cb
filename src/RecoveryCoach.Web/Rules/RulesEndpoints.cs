using Microsoft.AspNetCore.Http.HttpResults;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.Diff;
using RecoveryCoach.Referrals.Rules.Live;
using RecoveryCoach.Referrals.Rules.Versions;

namespace RecoveryCoach.Web.Rules;

/// <summary>
/// The policy rules as staff see them: the version in force and any refused change with its
/// errors (for the admin page), every version that decided referrals with its files, and what
/// changed between a version and the one in force (for the referral page).
/// </summary>
public static class RulesEndpoints
{
    public static IEndpointRouteBuilder MapRules(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/rules").RequireAuthorization(Staff.StaffSignInExtensions.StaffPolicy);
        group.MapGet("/", GetInForce);
        group.MapGet("/versions", ListVersionsAsync);
        group.MapGet("/versions/{version}", GetVersionAsync);
        group.MapGet("/versions/{version}/diff", DiffAsync);
        return routes;
    }

    private static Ok<RulesInForceView> GetInForce(RulesInForce rules) => TypedResults.Ok(RulesInForceView.Of(rules.State));

    private static async Task<Ok<IReadOnlyList<RulesetVersionSummary>>> ListVersionsAsync(RulesInForce rules, RulesetVersionStore versions, CancellationToken cancellationToken)
    {
        var inForce = rules.Current.Version;
        var stored = await versions.ListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RulesetVersionSummary>>([.. stored.Select(v => new RulesetVersionSummary(v.Version, v.FirstUsedAt, v.Version == inForce))]);
    }

    private static async Task<Results<Ok<RulesetVersionView>, ValidationProblem, ProblemHttpResult>> GetVersionAsync(
        string version, RulesInForce rules, RulesetVersionStore versions, CancellationToken cancellationToken)
    {
        if (Invalid(version) is { } invalid)
        {
            return invalid;
        }

        var inForce = rules.Current;
        var stored = await versions.GetAsync(version, cancellationToken);
        if (stored is not null)
        {
            return TypedResults.Ok(new RulesetVersionView(stored.Version, stored.FirstUsedAt, stored.Version == inForce.Version, stored.Files.Texts));
        }

        return version == inForce.Version
            ? TypedResults.Ok(new RulesetVersionView(version, null, true, inForce.Contents.Texts))
            : NotFound();
    }

    private static async Task<Results<Ok<RulesetDiff>, ValidationProblem, ProblemHttpResult>> DiffAsync(
        string version, RulesInForce rules, RulesetVersionStore versions, CancellationToken cancellationToken)
    {
        if (Invalid(version) is { } invalid)
        {
            return invalid;
        }

        var from = await versions.FilesOfAsync(version, rules.Current, cancellationToken);
        return from is null ? NotFound() : TypedResults.Ok(RulesetDiff.Between(from, rules.Current.Contents));
    }

    private static ValidationProblem? Invalid(string version) =>
        version.Length == 12 && version.All(char.IsAsciiHexDigitLower)
            ? null
            : TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["version"] = ["A rules version is 12 lower-case hexadecimal characters, as a decision records it."] },
                title: "The request has errors");

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such rules version", detail: "That rules version has not decided any referral here.");
}
