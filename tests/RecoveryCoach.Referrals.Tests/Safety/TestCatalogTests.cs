using System.Reflection;

namespace RecoveryCoach.Referrals.Tests.Safety;

/// <summary>The tests the hazard log may name are found by the class that declares them, in every test project of the solution.</summary>
public sealed class TestCatalogTests
{
    [Fact]
    public void Facts_and_theories_are_found_by_their_declaring_class_and_a_class_named_in_a_string_is_not_one()
    {
        var catalog = TestCatalog.Of(["""
            namespace Sample;

            // class CommentedTests { [Fact] public void Commented() { } }
            public sealed partial class OuterTests(object fixture)
            {
                [Fact]
                public void First()
                {
                    var text = "the journey calls {0} by its class name";
                }

                [Xunit.Theory]
                [InlineData("class NotAClass {")]
                public async Task After_a_string_naming_a_class(string value) => await Task.CompletedTask;

                [FactAttribute(Skip = "waits for a fix")]
                public void Skipped() { }

                public void Helper() { }

                private sealed class InnerTests
                {
                    [Fact]
                    public void Nested() { }
                }

                [Fact]
                public void After_the_nested_class() { }
            }
            """]);

        catalog.Has("OuterTests.First").Should().BeTrue();
        catalog.Has("OuterTests.After_a_string_naming_a_class").Should().BeTrue();
        catalog.Has("OuterTests.After_the_nested_class").Should().BeTrue("the nested class has ended");
        catalog.Has("InnerTests.Nested").Should().BeTrue();
        catalog.Has("OuterTests.Nested").Should().BeFalse();
        catalog.Has("OuterTests.Helper").Should().BeFalse("it is not a test");
        catalog.Has("CommentedTests.Commented").Should().BeFalse();
        catalog.Has("name.After_a_string_naming_a_class").Should().BeFalse();
        catalog.IsSkipped("OuterTests.Skipped").Should().BeTrue();
        catalog.IsSkipped("OuterTests.First").Should().BeFalse();
        catalog.Count.Should().Be(5);
    }

    [Fact]
    public void The_solutions_catalog_holds_the_tests_of_every_test_project()
    {
        var catalog = TestCatalog.OfSolution(Repository.Root);

        catalog.Has($"{nameof(TestCatalogTests)}.{nameof(The_solutions_catalog_holds_the_tests_of_every_test_project)}").Should().BeTrue();
        catalog.Has("FunctionMetadataTests.The_sweep_runs_every_30_seconds_as_the_web_app_does_with_a_durable_client_to_start_journeys")
            .Should().BeTrue("its class's source names 'class name' in a string before it");
        catalog.Has("ValidateTests.The_shipped_rules_are_valid").Should().BeTrue();
        catalog.Has("DedupeTests.Ten_concurrent_starts_of_one_new_id_give_exactly_one_execution").Should().BeTrue();
        catalog.Has("MainTests.The_location_parameter_allows_only_UK_regions_and_defaults_to_UK_South").Should().BeTrue();
        catalog.Has("StaffAccessTests.A_coach_of_another_team_cannot_see_or_act_on_a_referral_or_its_tasks").Should().BeTrue();
        catalog.Has("ReferralServiceFactory.AdvanceAsync").Should().BeFalse("a helper of the tests is not a test");
        catalog.Count.Should().BeGreaterThan(500);
    }
}
