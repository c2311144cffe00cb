namespace RecoveryCoach.Web.Hosting;

/// <summary>How this web app takes part in the task hub.</summary>
public sealed class DurableOptions
{
    public const string Section = "Durable";

    /// <summary>
    /// Whether this process runs the journeys itself, on a Durable Task Framework worker beside
    /// the pages (the default, for <c>./run.sh</c> and the tests). When false it is a client only:
    /// it starts, signals and reads journeys that the Azure Functions app runs on the same hub.
    /// A worker here and the Functions host must never serve the same hub.
    /// </summary>
    public bool RunWorker { get; set; } = true;
}
