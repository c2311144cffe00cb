namespace RecoveryCoach.Referrals.Rules.Hosts;

/// <summary>One running instance of a host (the web app or the Functions app) and the rules it holds.</summary>
/// <param name="Host">The host's application name, such as <c>RecoveryCoach.Functions</c>.</param>
/// <param name="Instance">The instance: App Service's instance id on Azure, the machine and process here.</param>
/// <param name="SeenAt">When the instance last said so; an instance gone for longer than a few reports has stopped.</param>
public sealed record RulesHost(string Host, string Instance, string Version, DateTimeOffset LoadedAt, DateTimeOffset SeenAt);
