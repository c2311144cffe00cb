using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.Diff;

namespace RecoveryCoach.Referrals.Tests.Rules;

public sealed class RulesetDiffTests : IDisposable
{
    private readonly RuleFolder before = new();
    private readonly RuleFolder after = new();

    public void Dispose()
    {
        before.Dispose();
        after.Dispose();
    }

    [Fact]
    public void Between_SameFiles_FindsNoChange()
    {
        var diff = Diff();

        diff.Changes.Should().BeEmpty();
        diff.From.Should().Be(diff.To);
    }

    [Fact]
    public void Between_AgeLimitLowered_ShowsTheExpressionAndWhatItLostAndGained()
    {
        after.Replace(Ruleset.EligibilityFile, "referral.AgeInYears >= 17", "referral.AgeInYears >= 16");

        var diff = Diff();

        var change = diff.Changes.Should().ContainSingle().Which;
        change.Should().BeEquivalentTo(new { File = Ruleset.EligibilityFile, Rule = "Aged 17 to 65", Kind = RuleChangeKind.Changed });
        change.Fields.Should().ContainSingle().Which.Should().BeEquivalentTo(new FieldChange(
            "Expression",
            "referral.AgeInYears >= 17 && referral.AgeInYears <= 65",
            "referral.AgeInYears >= 16 && referral.AgeInYears <= 65",
            ["17"],
            ["16"]));
        diff.From.Should().Be(RuleFiles.Read(before.Path).Version);
        diff.To.Should().Be(RuleFiles.Read(after.Path).Version).And.NotBe(diff.From);
    }

    [Fact]
    public void Between_DurationChangedToAFractionOfADay_ShowsBothValues()
    {
        after.SetJourneyOutput("Remind the assignee every 2 days", "0.00003");

        var change = Diff().Changes.Should().ContainSingle().Which;

        change.Rule.Should().Be("Remind the assignee every 2 days");
        change.Fields.Should().ContainSingle().Which.Should().BeEquivalentTo(new FieldChange("Actions.OnSuccess.Context.Expression", "2", "0.00003", ["2"], ["0.00003"]));
    }

    [Fact]
    public void Between_DistrictMovedFromOneTeamToAnother_ShowsJustThatDistrictEachSide()
    {
        after
            .Replace(Ruleset.AllocationFile, "(\\\"PE19\\\", \\\"PE26\\\"", "(\\\"PE26\\\"")
            .Replace(Ruleset.AllocationFile, "\\\"PE16\\\")", "\\\"PE16\\\", \\\"PE19\\\")");

        var changes = Diff().Changes;

        changes.Select(c => (c.Rule, c.Kind)).Should().Equal(("Huntingdon", RuleChangeKind.Changed), ("Peterborough & Fenland", RuleChangeKind.Changed));
        changes[0].Fields.Single().Removed.Should().Equal("\"PE19\"");
        changes[0].Fields.Single().Added.Should().BeEmpty();
        changes[1].Fields.Single().Added.Should().Equal("\"PE19\"");
        changes[1].Fields.Single().Removed.Should().BeEmpty();
    }

    [Fact]
    public void Between_RuleAddedRemovedAndReordered_ReportsEachWithItsPlace()
    {
        after.Write(Ruleset.AllocationFile, """
            {
              "WorkflowName": "Allocation",
              "Rules": [
                { "RuleName": "Huntingdon", "Expression": "referral.PostcodeDistrict in (\"PE19\", \"PE26\", \"PE27\", \"PE28\", \"PE29\")", "SuccessEvent": "huntingdon" },
                { "RuleName": "Cambridge", "Expression": "referral.PostcodeDistrict in (\"CB1\", \"CB2\", \"CB3\", \"CB4\", \"CB5\", \"CB6\", \"CB7\", \"CB21\", \"CB22\", \"CB23\", \"CB24\", \"CB25\")", "SuccessEvent": "cambridge" },
                { "RuleName": "Peterborough & Fenland", "Expression": "referral.PostcodeDistrict in (\"PE1\", \"PE2\", \"PE3\", \"PE4\", \"PE5\", \"PE6\", \"PE7\", \"PE8\", \"PE13\", \"PE14\", \"PE15\", \"PE16\")", "SuccessEvent": "peterborough-fenland" },
                { "RuleName": "Ely", "Expression": "referral.PostcodeDistrict == \"CB6\"", "SuccessEvent": "cambridge" }
              ]
            }
            """);

        var changes = Diff().Changes;

        changes.Should().HaveCount(3);
        changes.Should().ContainSingle(c => c.Kind == RuleChangeKind.Removed).Which.Rule.Should().Be("Cambridge border districts");
        var added = changes.Should().ContainSingle(c => c.Kind == RuleChangeKind.Added).Which;
        added.Rule.Should().Be("Ely");
        added.Fields.Should().Contain(f => f.Field == "Expression" && f.After == "referral.PostcodeDistrict == \"CB6\"" && f.Before == null);
        var moved = changes.Should().ContainSingle(c => c.Kind == RuleChangeKind.Moved).Which;
        moved.Should().Match<RuleChange>(m => (m.Rule == "Cambridge" && m.From == 1 && m.To == 2) || (m.Rule == "Huntingdon" && m.From == 3 && m.To == 1));
    }

    [Fact]
    public void Between_NoteAndWorkflowFieldsChanged_AreFieldsToo()
    {
        after.Replace(Ruleset.AllocationFile, "so a team lead checks the address and chooses.", "so a team lead checks the address.");

        var change = Diff().Changes.Should().ContainSingle().Which;

        change.Rule.Should().Be("Cambridge border districts");
        change.Fields.Should().ContainSingle().Which.Field.Should().Be("Properties.note");
    }

    [Fact]
    public void Between_FileThatIsNotJson_ComparesItsLines()
    {
        after.Replace(Ruleset.JourneyFile, "\"RuleName\": \"Weekly check-ins\",", "\"RuleName\": \"Weekly check-ins\",,");

        var change = Diff().Changes.Should().ContainSingle().Which;

        change.Should().BeEquivalentTo(new { File = Ruleset.JourneyFile, Rule = (string?)null, Kind = RuleChangeKind.Changed });
        change.Fields.Single().Removed.Should().Equal("\"RuleName\": \"Weekly check-ins\",");
        change.Fields.Single().Added.Should().Equal("\"RuleName\": \"Weekly check-ins\",,");
    }

    [Fact]
    public void Between_FileMissingFromOneSide_IsAddedOrRemovedWhole()
    {
        after.Delete(Ruleset.JourneyFile);

        Diff().Changes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { File = Ruleset.JourneyFile, Kind = RuleChangeKind.FileRemoved });
        RulesetDiff.Between(RuleFiles.Read(after.Path), RuleFiles.Read(before.Path)).Changes.Should().ContainSingle()
            .Which.Kind.Should().Be(RuleChangeKind.FileAdded);
    }

    private RulesetDiff Diff() => RulesetDiff.Between(RuleFiles.Read(before.Path), RuleFiles.Read(after.Path));
}
