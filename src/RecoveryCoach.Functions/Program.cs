using System.Text.Json;
using System.Text.Json.Serialization;
using RecoveryCoach.Functions.Hosting;
using RecoveryCoach.Functions.Management;
using RecoveryCoach.Functions.Referrals;
using RecoveryCoach.Functions.Rules;
using RecoveryCoach.Functions.Staff;
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
builder.AddStaffSignIn();
builder.Services.AddRazorPages(pages =>
{
    pages.Conventions.AllowAnonymousToFolder("/Refer");
    pages.Conventions.AllowAnonymousToFolder("/Account");
    pages.Conventions.AllowAnonymousToPage("/Status");
    pages.Conventions.AuthorizeFolder("/Staff", StaffSignInExtensions.StaffPolicy);
});
builder.Services.AddReferralFormRateLimit(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseWhen(context => IsApi(context.Request), api => api.UseStatusCodePages());
app.UseWhen(context => !IsApi(context.Request), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
app.UseRouting();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseNhsukFrontend();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapReferrals();
app.MapJourney();
app.MapTasks();
app.MapManagement();
app.MapRules();
app.MapRazorPages();
app.MapGet("/", () => Results.Redirect("/refer")).AllowAnonymous();
app.Run();

static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/runtime");

/// <summary>The entry point, visible to functional tests.</summary>
public partial class Program;
