using System.Text.Json;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.Schema;

namespace RecoveryCoach.Referrals.Tests.Rules;

public class RuleSchemaTests
{
    private static string SchemaFolder => Path.Combine(ShippedRules.Folder, "schema");

    [Fact]
    public void For_EachRuleFile_HasASchemaBuiltIn()
    {
        var schemas = Ruleset.Files.Select(RuleSchemas.For).Append(RuleSchemas.Tests);

        schemas.Should().HaveCount(4).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void JourneySchema_NamesExactlyTheJourneyValues()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaFolder, "journey.schema.json")));

        var names = schema.RootElement.GetProperty("$defs").GetProperty("rule").GetProperty("properties").GetProperty("Properties")
            .GetProperty("properties").GetProperty("value").GetProperty("enum").EnumerateArray().Select(e => e.GetString());

        names.Should().Equal(JourneyValues.Names);
    }

    [Fact]
    public void TestsSchema_NamesExactlyTheTeamsAndTriage()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaFolder, "tests.schema.json")));
        var defs = schema.RootElement.GetProperty("$defs");

        var inFacts = defs.GetProperty("journeyFacts").GetProperty("properties").GetProperty("Team").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        var inExpect = defs.GetProperty("expect").GetProperty("properties").GetProperty("Team").GetProperty("enum").EnumerateArray().Select(e => e.GetString());

        var expected = Team.All.Select(t => t.Code).Append("triage");
        inFacts.Should().Equal(expected);
        inExpect.Should().Equal(expected);
        defs.GetProperty("expect").GetProperty("properties").GetProperty("Journey").GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .Should().Equal(JourneyValues.Names);
    }

    [Fact]
    public void Parse_KeywordTheCheckerDoesNotEnforce_IsRefused()
    {
        var act = () => JsonSchema.Parse("""{ "type": "object", "properties": { "Postcode": { "type": "string", "pattern": "^[A-Z]" } } }""");

        act.Should().Throw<InvalidOperationException>().WithMessage("*pattern*");
    }

    [Fact]
    public void Parse_ReferenceThatDoesNotResolve_IsRefused()
    {
        var act = () => JsonSchema.Parse("""{ "items": { "$ref": "#/$defs/nowhere" } }""");

        act.Should().Throw<InvalidOperationException>().WithMessage("*#/$defs/nowhere*");
    }

    [Fact]
    public void Validate_EveryKindOfMistake_ReportsEachWithItsPlace()
    {
        var schema = JsonSchema.Parse("""
            {
              "type": "object", "additionalProperties": false, "required": ["Name", "Count"],
              "properties": {
                "Name": { "type": "string", "minLength": 1 },
                "Count": { "type": "integer", "minimum": 1, "maximum": 9, "description": "how many" },
                "Kind": { "enum": ["a", "b"] },
                "Fixed": { "const": "yes" },
                "On": { "type": "string", "format": "date" },
                "List": { "type": "array", "minItems": 2, "items": { "type": "boolean" } }
              }
            }
            """);
        using var document = JsonDocument.Parse("""{ "Name": " ", "Kind": "c", "Fixed": "no", "On": "2025-02-30", "List": ["x"], "Extra": 1 }""");

        var errors = schema.Validate(document.RootElement).Select(e => $"{e.PlaceAfter(0)} {e.Problem}");

        errors.Should().BeEquivalentTo(
            "Name must not be empty",
            "Kind must be one of \"a\", \"b\", not \"c\"",
            "Fixed must be \"yes\", not \"no\"",
            "On must be a date written YYYY-MM-DD, not \"2025-02-30\"",
            "List has 1; it needs at least 2",
            "List[0] must be true or false, not the text \"x\"",
            "Extra is not a property this can have; it can have Name, Count, Kind, Fixed, On, List",
            "Count is missing: how many");
    }

    [Fact]
    public void Validate_NumberOutOfRangeOrNotWhole_SaysWhatItMustBe()
    {
        var schema = JsonSchema.Parse("""{ "type": "array", "items": { "type": "integer", "minimum": 1, "maximum": 365 } }""");
        using var document = JsonDocument.Parse("[0, 400, 7.5, 7]");

        var errors = schema.Validate(document.RootElement).Select(e => $"{e.PlaceAfter(0)} {e.Problem}");

        errors.Should().Equal("[0] must be at least 1, not 0", "[1] must be at most 365, not 400", "[2] must be a whole number, not the number 7.5");
    }

    [Fact]
    public void Validate_NumberNotAboveAnExclusiveMinimum_SaysItMustBeMore()
    {
        var schema = JsonSchema.Parse("""{ "type": "array", "items": { "type": "number", "exclusiveMinimum": 0, "maximum": 365 } }""");
        using var document = JsonDocument.Parse("[0, -1, 0.00003, 365]");

        var errors = schema.Validate(document.RootElement).Select(e => $"{e.PlaceAfter(0)} {e.Problem}");

        errors.Should().Equal("[0] must be more than 0, not 0", "[1] must be more than 0, not -1");
    }

    [Theory]
    [InlineData("Expresion", "Expression")]
    [InlineData("expression", "Expression")]
    [InlineData("SucessEvent", "SuccessEvent")]
    [InlineData("ErorrMessage", "ErrorMessage")]
    public void Validate_MistypedProperty_SuggestsTheOneMeantAndDoesNotAlsoCallItMissing(string typed, string meant)
    {
        var schema = RuleSchemas.For(Ruleset.EligibilityFile);
        var rule = new Dictionary<string, string> { ["RuleName"] = "R", ["Expression"] = "true", ["SuccessEvent"] = "Met.", ["ErrorMessage"] = "Not met." };
        rule[typed] = rule[meant];
        rule.Remove(meant);
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(new { WorkflowName = "Eligibility", Rules = new[] { rule } }));

        var errors = schema.Validate(document.RootElement);

        errors.Should().ContainSingle().Which.Problem.Should().Be($"is not a property this can have; did you mean \"{meant}\"?");
    }
}
