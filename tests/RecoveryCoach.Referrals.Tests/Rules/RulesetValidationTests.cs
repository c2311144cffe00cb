using RecoveryCoach.Referrals.Rules;

namespace RecoveryCoach.Referrals.Tests.Rules;

/// <summary>
/// Each kind of mistake a policy owner can make is reported as <c>file:rule: message</c>, so
/// they can go straight to the rule to fix.
/// </summary>
public sealed class RulesetValidationTests : IDisposable
{
    private readonly RuleFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Load_MalformedJsonInsideARule_NamesTheFileTheRuleAndTheLine()
    {
        folder.Replace(Ruleset.AllocationFile, "\"SuccessEvent\": \"huntingdon\"", "\"SuccessEvent\": \"huntingdon\",,");

        var errors = Errors();

        errors.Should().ContainSingle().Which.Should().StartWith("allocation.json:Huntingdon: not valid rule JSON at line ");
    }

    [Fact]
    public void Load_MalformedJsonBetweenRules_NamesTheRuleBefore()
    {
        folder.Replace(Ruleset.EligibilityFile, "is not.\"\n    },", "is not.\"\n    }");

        var errors = Errors();

        errors.Should().ContainSingle().Which.Should().StartWith("eligibility.json:after In secondary mental health services: not valid rule JSON");
    }

    [Fact]
    public void Load_MalformedJsonBeforeAnyRule_NamesTheFile()
    {
        folder.Write(Ruleset.JourneyFile, """{ "WorkflowName": "Journey" "Rules": [] }""");

        var errors = Errors();

        errors.Should().ContainSingle().Which.Should().StartWith("journey.json: not valid rule JSON at line 1");
    }

    [Fact]
    public void Load_BadExpression_NamesTheFileAndRuleAndWhatIsWrong()
    {
        folder.Replace(Ruleset.AllocationFile, "referral.PostcodeDistrict in (\\\"PE19\\\"", "referral.PostcodeDistrik in (\\\"PE19\\\"");

        var errors = Errors();

        errors.Should().ContainSingle().Which.Should().StartWith("allocation.json:Huntingdon: ").And.Contain("PostcodeDistrik");
    }

    [Fact]
    public void Load_UnknownPropertyInARule_NamesTheRuleAndSuggestsTheOneMeant()
    {
        folder.Replace(Ruleset.EligibilityFile, "\"ErrorMessage\": \"The service is for people aged", "\"ErrorMesage\": \"The service is for people aged");

        var errors = Errors();

        errors.Should().ContainSingle().Which.Should().Be("eligibility.json:Aged 17 to 65: ErrorMesage is not a property this can have; did you mean \"ErrorMessage\"?");
    }

    [Fact]
    public void Load_UnknownPropertyDeepInARule_NamesTheRuleAndThePath()
    {
        folder.Replace(Ruleset.JourneyFile, "\"Context\": { \"Expression\": \"8\" }", "\"Context\": { \"Expression\": \"8\", \"Default\": \"4\" }");

        var errors = Errors();

        errors.Should().ContainSingle().Which.Should().StartWith("journey.json:At most eight weeks: Actions.OnSuccess.Context.Default is not a property");
    }

    [Fact]
    public void Load_UnknownPropertyOutsideTheRules_NamesTheFile()
    {
        folder.Replace(Ruleset.AllocationFile, "\"WorkflowName\": \"Allocation\",", "\"WorkflowName\": \"Allocation\", \"Version\": 2,");

        var errors = Errors();

        errors.Should().ContainSingle().Which.Should().StartWith("allocation.json: Version is not a property this can have");
    }

    [Fact]
    public void Load_DuplicateRuleName_NamesTheFileAndTheRule()
    {
        folder.Replace(Ruleset.JourneyFile, "\"RuleName\": \"Weekly check-ins\"", "\"RuleName\": \"Three attempts to reach the person\"");

        var errors = Errors();

        errors.Should().ContainSingle().Which.Should().Be("journey.json:Three attempts to reach the person: the rule name is used 2 times; names must be unique");
    }

    [Fact]
    public void Load_FieldOfTheWrongType_NamesTheRuleAndTheField()
    {
        folder.Replace(Ruleset.EligibilityFile, "\"Expression\": \"referral.StrugglingWithDischarge\"", "\"Expression\": true");

        var errors = Errors();

        errors.Should().ContainSingle().Which.Should().Be("eligibility.json:Struggling with the discharge process: Expression must be text in quotes, not true");
    }

    [Fact]
    public void Load_RuleWithoutAName_IsNamedByItsPlace()
    {
        folder.Replace(Ruleset.AllocationFile, "\"RuleName\": \"Huntingdon\",", string.Empty);

        var errors = Errors();

        errors.Should().ContainSingle().Which.Should().StartWith("allocation.json:rule 3: RuleName is missing");
    }

    [Fact]
    public void Load_JourneyRuleForATeamOtherThanTheSample_IsCheckedForEveryTeam()
    {
        // Only Peterborough & Fenland reach this rule, and its value is out of range.
        folder.Replace(Ruleset.JourneyFile, "\"Rules\": [", """
            "Rules": [
                { "RuleName": "Fenland first contact", "Expression": "referral.Team == \"peterborough-fenland\"", "Properties": { "value": "FirstContactDays" },
                  "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "0" } } } },
            """);

        var errors = Errors();

        errors.Should().ContainSingle().Which.Should().StartWith("journey.json:Fenland first contact: FirstContactDays must be a number of days greater than 0 and at most 365, not 0");
    }

    [Fact]
    public void Load_SchemaHintForEditors_IsAllowedAndIgnored()
    {
        folder.Replace(Ruleset.EligibilityFile, "\"$schema\": \"./schema/eligibility.schema.json\",", "\"$schema\": \"https://example.org/eligibility.schema.json\",");

        var rules = folder.Load();

        rules.RuleNames(Ruleset.EligibilityFile).Should().HaveCount(4);
    }

    [Fact]
    public void Load_FilesFromAStoredVersion_NameTheSourceOfAMissingFile()
    {
        var files = new RuleFiles(RuleFiles.Read(folder.Path).Texts.Where(f => f.Key != Ruleset.JourneyFile).ToDictionary(), "rules version 0123456789ab");

        var act = () => Ruleset.Load(files);

        act.Should().Throw<RulesetException>().Which.Errors.Should().ContainSingle().Which.Should().Be("journey.json: the file is missing from rules version 0123456789ab");
    }

    [Fact]
    public void Contents_AreTheTextTheRulesetWasBuiltFrom()
    {
        var rules = folder.Load();

        rules.Contents.Texts.Should().BeEquivalentTo(Ruleset.Files.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(folder.Path, f))));
        rules.Version.Should().Be(rules.Contents.Version);
    }

    private List<string> Errors()
    {
        var act = () => folder.Load();
        return [.. act.Should().Throw<RulesetException>().Which.Errors];
    }
}
