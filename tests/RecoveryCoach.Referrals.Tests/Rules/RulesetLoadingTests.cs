using RecoveryCoach.Referrals.Rules;

namespace RecoveryCoach.Referrals.Tests.Rules;

public sealed class RulesetLoadingTests : IDisposable
{
    private readonly RuleFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Load_ShippedRules_Succeeds()
    {
        var rules = Ruleset.Load(ShippedRules.Folder);

        rules.Version.Should().MatchRegex("^[0-9a-f]{12}$");
    }

    [Fact]
    public void Load_ExpressionWithASyntaxError_ThrowsNamingTheFileAndRule()
    {
        folder.Write(Ruleset.EligibilityFile, Eligibility(Rule("Broken syntax", "referral.AgeInYears >= && true")));

        var act = () => folder.Load();

        var error = act.Should().Throw<RulesetException>().Which;
        error.Message.Should().Contain("eligibility.json:Broken syntax:");
        error.Errors.Should().ContainSingle().Which.Should().StartWith("eligibility.json:Broken syntax:");
    }

    [Fact]
    public void Load_ExpressionNamingAPropertyThatDoesNotExist_ThrowsNamingTheFileAndRule()
    {
        folder.Write(Ruleset.EligibilityFile, Eligibility(Rule("Misspelt age", "referral.Agee > 3")));

        var act = () => folder.Load();

        var error = act.Should().Throw<RulesetException>().Which;
        error.Message.Should().Contain("eligibility.json:Misspelt age:");
        error.Errors.Should().ContainSingle().Which.Should().StartWith("eligibility.json:Misspelt age:").And.Contain("Agee");
    }

    [Fact]
    public void Load_AllocationExpressionNamingAnEligibilityProperty_ThrowsNamingTheFileAndRule()
    {
        folder.Write(Ruleset.AllocationFile, Allocation(("Wrong input", "referral.AgeInYears > 3", "cambridge")));

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().ContainSingle()
            .Which.Should().StartWith("allocation.json:Wrong input:");
    }

    [Fact]
    public void Load_ExpressionThatThrowsForTheSampleReferral_ThrowsNamingTheFileAndRule()
    {
        // The load-time sample is aged 40.
        folder.Write(Ruleset.EligibilityFile, Eligibility(Rule("Divides at forty", "100 / (referral.AgeInYears - 40) > 0")));

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().ContainSingle()
            .Which.Should().StartWith("eligibility.json:Divides at forty:");
    }

    [Fact]
    public void Load_ExpressionThatIsNotTrueOrFalse_ThrowsNamingTheFileAndRule()
    {
        folder.Write(Ruleset.EligibilityFile, Eligibility(Rule("Just the age", "referral.AgeInYears")));

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().ContainSingle()
            .Which.Should().StartWith("eligibility.json:Just the age:");
    }

    [Fact]
    public void Load_WrongWorkflowName_ThrowsNamingTheFile()
    {
        var text = File.ReadAllText(Path.Combine(folder.Path, Ruleset.AllocationFile));
        folder.Write(Ruleset.AllocationFile, text.Replace("\"WorkflowName\": \"Allocation\"", "\"WorkflowName\": \"Eligibility\"", StringComparison.Ordinal));

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().ContainSingle()
            .Which.Should().StartWith("allocation.json:").And.Contain("WorkflowName");
    }

    [Fact]
    public void Load_WorkflowWithNoRules_ThrowsNamingTheFile()
    {
        folder.Write(Ruleset.AllocationFile, """{ "WorkflowName": "Allocation", "Rules": [] }""");

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().ContainSingle()
            .Which.Should().StartWith("allocation.json:").And.Contain("Rules is empty");
    }

    [Fact]
    public void Load_MalformedJson_ThrowsNamingTheFile()
    {
        folder.Write(Ruleset.AllocationFile, """{ "WorkflowName": "Allocation", "Rules": [ { "RuleName": "Cambridge" """);

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().ContainSingle()
            .Which.Should().StartWith("allocation.json:").And.Contain("not valid rule JSON");
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingTheFile()
    {
        folder.Delete(Ruleset.EligibilityFile);

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().ContainSingle()
            .Which.Should().StartWith("eligibility.json:").And.Contain("missing");
    }

    [Fact]
    public void Load_UnknownPropertyInARule_ThrowsNamingTheFileAndProperty()
    {
        folder.Write(Ruleset.EligibilityFile, """
            {
              "WorkflowName": "Eligibility",
              "Rules": [
                {
                  "RuleName": "Aged 17 to 65",
                  "Expresion": "referral.AgeInYears >= 17 && referral.AgeInYears <= 65",
                  "SuccessEvent": "In range.",
                  "ErrorMessage": "Out of range."
                }
              ]
            }
            """);

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().ContainSingle()
            .Which.Should().StartWith("eligibility.json:").And.Contain("Expresion");
    }

    [Fact]
    public void Load_DuplicateRuleNames_ThrowsNamingTheFileAndRule()
    {
        folder.Write(Ruleset.AllocationFile, Allocation(
            ("Cambridge", "referral.PostcodeDistrict == \"CB1\"", "cambridge"),
            ("Cambridge", "referral.PostcodeDistrict == \"CB2\"", "cambridge")));

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().ContainSingle()
            .Which.Should().StartWith("allocation.json:Cambridge:").And.Contain("unique");
    }

    [Fact]
    public void Load_AllocationSuccessEventThatIsNotATeam_ThrowsNamingTheFileRuleAndEvent()
    {
        folder.Write(Ruleset.AllocationFile, Allocation(("Ely", "referral.PostcodeDistrict == \"CB7\"", "ely")));

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().ContainSingle()
            .Which.Should().StartWith("allocation.json:Ely:").And.Contain("\"ely\"");
    }

    [Fact]
    public void Load_EligibilityRuleWithoutErrorMessage_ThrowsNamingTheFileAndRule()
    {
        folder.Write(Ruleset.EligibilityFile, """
            {
              "WorkflowName": "Eligibility",
              "Rules": [
                { "RuleName": "Adult", "Expression": "referral.AgeInYears >= 18", "SuccessEvent": "The person is an adult." }
              ]
            }
            """);

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().ContainSingle()
            .Which.Should().StartWith("eligibility.json:Adult:").And.Contain("ErrorMessage");
    }

    [Fact]
    public void Load_SeveralBrokenRules_ReportsEveryErrorAtOnce()
    {
        folder
            .Write(Ruleset.EligibilityFile, Eligibility(
                Rule("First broken", "referral.Agee > 3"),
                Rule("Fine", "referral.AgeInYears >= 17"),
                Rule("Second broken", "referral.InSecondaryMentalHealthServices &&")))
            .Write(Ruleset.AllocationFile, Allocation(("Nowhere", "referral.PostcodeDistrict == \"CB1\"", "nowhere")));

        var act = () => folder.Load();

        var error = act.Should().Throw<RulesetException>().Which;
        error.Errors.Should().HaveCount(3);
        error.Errors.Should().Contain(e => e.StartsWith("eligibility.json:First broken:", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("eligibility.json:Second broken:", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("allocation.json:Nowhere:", StringComparison.Ordinal));
        error.Message.Should().Contain("First broken").And.Contain("Second broken").And.Contain("Nowhere");
    }

    [Fact]
    public void Version_SameContentInAnotherFolder_IsTheSame()
    {
        using var other = new RuleFolder();

        var version = folder.Load().Version;

        version.Should().Be(other.Load().Version).And.Be(ShippedRules.Ruleset.Version);
    }

    [Fact]
    public void Version_ContentChanged_Changes()
    {
        var before = folder.Load().Version;
        var text = File.ReadAllText(Path.Combine(folder.Path, Ruleset.EligibilityFile));
        folder.Write(Ruleset.EligibilityFile, text.Replace("aged 17 to 65", "aged seventeen to 65", StringComparison.Ordinal));

        var after = folder.Load().Version;

        after.Should().NotBe(before);
    }

    [Fact]
    public async Task DecideEligibility_ExpressionThatThrowsForThisInput_ThrowsInsteadOfReportingUnmet()
    {
        // Age 40, the sample used when loading, divides safely; age 50 divides by zero.
        folder.Write(Ruleset.EligibilityFile, Eligibility(Rule("Divides by age", "100 / (referral.AgeInYears - 50) > 0")));
        var rules = folder.Load();

        var act = () => rules.DecideEligibilityAsync(new EligibilityFacts(50, true, true, true));

        await act.Should().ThrowAsync<RulesetException>();
    }

    [Fact]
    public async Task DecideEligibility_ExpressionThatThrowsForThisInput_NamesTheRuleInTheError()
    {
        folder.Write(Ruleset.EligibilityFile, Eligibility(Rule("Divides by age", "100 / (referral.AgeInYears - 50) > 0")));
        var rules = folder.Load();

        var act = () => rules.DecideEligibilityAsync(new EligibilityFacts(50, true, true, true));

        (await act.Should().ThrowAsync<RulesetException>()).Which.Message.Should().Contain("Divides by age");
    }

    [Fact]
    public async Task DecideEligibility_ExpressionThatThrowsOnlyForOtherInputs_StillDecides()
    {
        folder.Write(Ruleset.EligibilityFile, Eligibility(Rule("Divides by age", "100 / (referral.AgeInYears - 50) > 0")));
        var rules = folder.Load();

        var decision = await rules.DecideEligibilityAsync(new EligibilityFacts(60, true, true, true));

        decision.Eligible.Should().BeTrue();
    }

    private static string Rule(string name, string expression) =>
        $$"""{ "RuleName": "{{name}}", "Expression": "{{expression.Replace("\"", "\\\"", StringComparison.Ordinal)}}", "SuccessEvent": "Met.", "ErrorMessage": "Not met." }""";

    private static string Eligibility(params string[] rules) =>
        $$"""{ "WorkflowName": "Eligibility", "Rules": [ {{string.Join(", ", rules)}} ] }""";

    private static string Allocation(params (string Name, string Expression, string Team)[] rules) =>
        $$"""{ "WorkflowName": "Allocation", "Rules": [ {{string.Join(", ", rules.Select(r => $$"""{ "RuleName": "{{r.Name}}", "Expression": "{{r.Expression.Replace("\"", "\\\"", StringComparison.Ordinal)}}", "SuccessEvent": "{{r.Team}}" }"""))}} ] }""";
}
