using System.Reflection;

namespace RecoveryCoach.Referrals.Tests.Safety;

/// <summary>
/// The clinical safety hazard log, <c>docs/hazard-log.md</c>, is held to DCB0129's structure and
/// to the tests it names: every hazard has its causes, effect, initial risk, controls and residual
/// risk, every control names a test, and every test named is a test of the solution.
/// </summary>
public sealed class HazardLogTests
{
    /// <summary>One test class of a sample solution: two tests, a skipped one and a helper.</summary>
    private const string SampleSource = """
        namespace Sample;

        public sealed class AlphaTests
        {
            [Fact]
            public void Works() { }

            [Theory, InlineData(1)]
            public void Works_for_each(int n) { }

            [Fact(Skip = "waits for a fix")]
            public void Sometimes() { }

            public void Helper() { }
        }
        """;

    private const string SampleMatrix = """
        # Hazard log

        | Likelihood \ Severity | Minor | Major |
        |---|---|---|
        | Low | 1 | 2 |
        | **High** | 2 | 3 |

        """;

    private static readonly TestCatalog SampleTests = TestCatalog.Of([SampleSource]);

    [Fact]
    public void The_hazard_log_names_only_tests_that_exist_and_gives_every_hazard_each_part()
    {
        var log = HazardLog.Read(File.ReadAllText(Path.Combine(Repository.Root, "docs", "hazard-log.md")));
        var tests = TestCatalog.OfSolution(Repository.Root);

        var problems = string.Join('\n', log.Problems(tests));

        problems.Should().BeEmpty("each line names a problem to put right in docs/hazard-log.md");
        log.Hazards.Should().HaveCountGreaterThanOrEqualTo(12);
        log.NamedTests.Select(t => t.Where).Distinct().Should().Contain(log.Hazards.Select(h => h.Id), "every hazard names its tests");
    }

    [Fact]
    public void A_good_sample_log_has_no_problems()
    {
        var log = HazardLog.Read(SampleMatrix + """
            ## H1. A sample hazard

            **Causes**

            - Something fails.

            **Effect on the person:** Harm.

            **Initial risk:** likelihood High, severity Major: rating 3 (Unacceptable).

            **Controls**

            1. One control, shown by `AlphaTests.Works`
               and by `AlphaTests.Works_for_each` on its second line.

            **Residual risk:** likelihood low, severity major: rating 2.

            **Remaining actions**

            - Open: another control.
            """);

        log.Problems(SampleTests).Should().BeEmpty();
        log.Hazards.Should().Equal(("H1", "A sample hazard"));
        log.NamedTests.Should().Equal(("AlphaTests.Works", "H1"), ("AlphaTests.Works_for_each", "H1"));
    }

    [Fact]
    public void A_log_naming_tests_that_do_not_exist_or_lacking_a_part_fails_naming_each_problem()
    {
        var log = HazardLog.Read(SampleMatrix + """
            ## H1. Complete but wrong

            **Causes**

            - Something fails.

            **Effect on the person:** Harm.

            **Initial risk:** likelihood High, severity Major: rating 2.

            **Controls**

            1. A test that exists: `AlphaTests.Works`
            2. One that does not: `AlphaTests.Vanished`
            3. A method that is not a test: `AlphaTests.Helper`
            4. A skipped test: `AlphaTests.Sometimes`
            5. No test at all.
            6. A file, not a test: `README.md`

            **Residual risk:** likelihood Rare, severity Minor: rating 1.

            ## H2. Missing parts

            **Causes**

            - Something fails.

            **Controls**

            Shown by `AlphaTests.Works_for_each`, but not in a numbered list.

            **Residual risk:** low.

            ## H3 Heading without its full stop

            ## H4. Nothing but a heading
            """);

        var problems = log.Problems(SampleTests);

        problems.Should().BeEquivalentTo(
            "H1: the initial risk is rated 2, but the matrix rates likelihood High and severity Major 3",
            "H1: the residual risk's likelihood 'Rare' is not one of the matrix",
            "H1: control 5 names no test",
            "H1: control 6 names `README.md`, which is not a test's name (a test class's name ends in Tests)",
            "H1: control 6 names no test",
            "H2: no effect on the person",
            "H2: no initial risk",
            "H2: the residual risk does not read 'likelihood …, severity …: rating …'",
            "H2: the controls are not a numbered list",
            "H3 Heading without its full stop: a hazard's heading is '## H<number>. Title'",
            "H4: no causes",
            "H4: no effect on the person",
            "H4: no initial risk",
            "H4: no controls",
            "H4: no residual risk",
            "H1: `AlphaTests.Vanished` is not a test in the solution",
            "H1: `AlphaTests.Helper` is not a test in the solution",
            "H1: `AlphaTests.Sometimes` is skipped, so it shows nothing");
    }

    [Fact]
    public void A_log_without_a_risk_matrix_or_any_hazard_fails_saying_so()
    {
        var log = HazardLog.Read("""
            # Hazard log

            Nothing is scored and no hazard is listed; `AlphaTests.Gone` is named in passing.
            """);

        log.Problems(SampleTests).Should().BeEquivalentTo(
            "header: no risk matrix (a table whose first column is headed Likelihood and whose other columns are the severities)",
            "header: no hazards (each a section '## H1. Title')",
            "header: `AlphaTests.Gone` is not a test in the solution");
    }
}
