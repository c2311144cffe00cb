using System.Text.Json;
using System.Text.Json.Serialization;
using RecoveryCoach.Functions.Hosting;
using RecoveryCoach.Functions.Management;
using RecoveryCoach.Functions.Referrals;
using RecoveryCoach.Functions.Rules;
using RecoveryCoach.Functions.Tasks;
using RecoveryCoach.Functions.Workers;
using RecoveryCoach.Referrals;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddHostJson(Path.Combine(AppContext.BaseDirectory, "host.json"));
builder.Services.AddReferrals(builder.Configuration, durable =>
{
    builder.Configuration.GetSection(HostJsonConfiguration.DurableTask).Bind(durable);
    durable.ConnectionString = builder.Configuration["AzureWebJobsStorage"] ?? durable.ConnectionString;
});
builder.Services.Configure<ManagementOptions>(builder.Configuration.GetSection(ManagementOptions.Section));
builder.Services.AddHostedService<RulesetStartupCheck>();
builder.Services.AddHostedService<JourneySweepWorker>();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<StorageUnavailableHandler>();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapReferrals();
app.MapJourney();
app.MapTasks();
app.MapManagement();
app.MapRules();
app.Run();

/// <summary>The entry point, visible to functional tests.</summary>
public partial class Program;
