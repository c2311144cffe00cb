using RecoveryCoach.Referrals.Intake;
using RecoveryCoach.Referrals.Journey;

namespace RecoveryCoach.Functions.Tests;

/// <summary>
/// The functions the Functions host will find, read from the metadata the build generated. The
/// host runs an orchestration or activity only if a function of that name and trigger exists, so
/// a gap here fails referrals' journeys in production, where nothing else would show it.
/// </summary>
public sealed class FunctionMetadataTests
{
    [Fact]
    public void Every_function_is_an_orchestration_an_activity_the_sweep_and_purge_timers_or_the_health_probe()
    {
        FunctionsApp.Functions.Select(f => f.Trigger.Type).Should().OnlyContain(type =>
            type == "orchestrationTrigger" || type == "activityTrigger" || type == "timerTrigger" || type == "httpTrigger");
        FunctionsApp.Functions.Should().HaveCount(JourneyTasks.Activities.Count + 4);
    }

    [Fact]
    public void The_journey_orchestration_is_the_one_function_named_as_journeys_are_started()
    {
        FunctionsApp.TriggeredBy("orchestrationTrigger").Select(f => f.Name).Should().Equal(ReferralOrchestrator.Name);
        FunctionsApp.Functions.Where(f => f.Name.Equals(ReferralOrchestrator.Name, StringComparison.OrdinalIgnoreCase)).Should().ContainSingle();
    }

    [Fact]
    public void Every_activity_the_journey_calls_has_exactly_one_activity_function_of_its_name()
    {
        var activityFunctions = FunctionsApp.TriggeredBy("activityTrigger").Select(f => f.Name).ToList();

        foreach (var activity in JourneyTasks.Activities)
        {
            // The host matches task names to function names ignoring case.
            activityFunctions.Where(name => name.Equals(activity.Name, StringComparison.OrdinalIgnoreCase))
                .Should().Equal([activity.Name], "the journey calls {0} by its class name", activity.Name);
        }
    }

    [Fact]
    public void Every_activity_function_is_an_activity_the_journey_calls()
    {
        FunctionsApp.TriggeredBy("activityTrigger").Select(f => f.Name)
            .Should().BeSubsetOf(JourneyTasks.Activities.Select(a => a.Name));
    }

    [Fact]
    public void Every_activity_function_takes_and_returns_what_its_activity_does()
    {
        // While no two activities share both input and output types, as none do, this also shows
        // that each function runs the activity it is named after.
        foreach (var function in FunctionsApp.TriggeredBy("activityTrigger"))
        {
            var types = JourneyTasks.Activities.Single(a => a.Name == function.Name).BaseType!.GetGenericArguments();
            var method = FunctionsApp.EntryPoint(function);

            method.GetParameters().Single(p => p.Name == function.Trigger.Name).ParameterType.Should().Be(types[0], "function {0} should run the activity of that name", function.Name);
            method.ReturnType.Should().Be(typeof(Task<>).MakeGenericType(types[1]), "function {0} should run the activity of that name", function.Name);
        }
    }

    [Fact]
    public void The_sweep_runs_every_30_seconds_as_the_web_app_does_with_a_durable_client_to_start_journeys()
    {
        var sweep = FunctionsApp.TriggeredBy("timerTrigger").Should().ContainSingle(f => f.Name == "SweepMissingJourneys").Subject;

        sweep.Trigger.Schedule.Should().Be("*/30 * * * * *");
        MissingJourneySweep.Interval.Should().Be(TimeSpan.FromSeconds(30), "the web app runs it as often");
        sweep.Bindings.Should().ContainSingle(b => b.Type == "durableClient" && b.Direction == "In");
    }

    [Fact]
    public void The_retention_purge_runs_daily_with_a_durable_client_to_purge_journeys()
    {
        FunctionsApp.TriggeredBy("timerTrigger").Select(f => f.Name).Should().BeEquivalentTo(["SweepMissingJourneys", "PurgeReferralsPastRetention"]);
        var purge = FunctionsApp.TriggeredBy("timerTrigger").Single(f => f.Name == "PurgeReferralsPastRetention");

        purge.Trigger.Schedule.Should().Be("0 0 2 * * *", "once a day, at 02:00 UTC");
        purge.Bindings.Should().ContainSingle(b => b.Type == "durableClient" && b.Direction == "In");
    }

    [Fact]
    public void The_health_probe_is_the_one_http_function_anonymous_on_get_api_healthz()
    {
        var health = FunctionsApp.TriggeredBy("httpTrigger").Should().ContainSingle().Subject;

        health.Name.Should().Be("healthz");
        health.Trigger.AuthLevel.Should().Be("Anonymous", "monitoring probes it without a function key");
        health.Trigger.Route.Should().Be("healthz", "host.json's route prefix makes it /api/healthz");
        health.Trigger.Methods.Should().Equal("get");
        health.Bindings.Should().ContainSingle(b => b.Type == "http" && b.Direction == "Out");
        FunctionsApp.EntryPoint(health).ReturnType.GetGenericArguments().Should().ContainSingle().Which.Name.Should().Be("HttpResponseData");
    }
}
