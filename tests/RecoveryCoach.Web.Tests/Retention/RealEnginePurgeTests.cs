using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals.Retention;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Retention;

/// <summary>
/// A referral's whole journey on the real engine, with its emails sent, staff views, a search and
/// an idempotency key, then the purge: afterwards nothing in any table, queue or blob of the
/// storage account names or reaches the person, their referrer or the referral, and only the
/// tombstone and the reserved reference name the reference.
/// </summary>
public sealed class RealEnginePurgeTests
{
    [Fact]
    public async Task After_the_purge_nothing_of_the_person_is_left_in_any_table_queue_or_blob()
    {
        var person = new UniquePerson();
        await using var factory = new ReferralServiceFactory { RealEngine = true };
        await using var journey = await RetentionJourneys.ClosedAsync(factory, person.Referral(), idempotencyKey: Guid.NewGuid().ToString("N"));
        using var lead = await factory.SignedInAsync(StaffSignIn.CambridgeLead);
        (await lead.GetAsync(new Uri($"/staff/referrals/{journey.Id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await lead.GetStringAsync(new Uri($"/staff/search?q={Uri.EscapeDataString(person.FamilyName)}", UriKind.Relative))).Should().Contain(journey.Reference);
        (await journey.MailAsync(atLeast: 3)).Should().NotBeEmpty("the referral's emails were sent");
        string[] identifiers = [.. person.Identifiers, journey.Id];
        var before = await StorageScan.FindAsync(identifiers);

        var purged = await factory.Services.GetRequiredService<RetentionPurge>().RunAsync(DateTimeOffset.UtcNow.AddYears(21), CancellationToken.None);
        var after = await StorageScan.FindAsync(identifiers);
        var references = await StorageScan.FindAsync([journey.Reference]);

        before.Select(f => f.Needle).Should().Contain([person.FamilyName.ToLowerInvariant(), person.NhsNumber, person.Email, journey.Id], "the scan finds what the service stored");
        before.Should().Contain(f => f.Place.StartsWith($"table {factory.TaskHub}History", StringComparison.Ordinal), "the journey's history named the referral");
        before.Should().Contain(f => f.Place.StartsWith($"table {factory.TaskHub}AccessLog", StringComparison.Ordinal), "the search was logged");
        before.Should().Contain(f => f.Place.StartsWith($"table {factory.TaskHub}MailCounts", StringComparison.Ordinal), "the emails were counted");
        purged.Should().Be(1);
        after.Should().BeEmpty();
        references.Should().OnlyContain(f => f.Place.StartsWith($"table {factory.TaskHub}Tombstones ", StringComparison.Ordinal) || f.Place.StartsWith($"table {factory.TaskHub}ReferralKeys reference/", StringComparison.Ordinal));
        references.Should().Contain(f => f.Place.StartsWith($"table {factory.TaskHub}Tombstones ", StringComparison.Ordinal));
        (await factory.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(journey.Id)).Should().BeNull();
    }
}
