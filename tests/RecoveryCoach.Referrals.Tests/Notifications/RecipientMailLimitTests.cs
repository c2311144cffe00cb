using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Tests.Storage;

namespace RecoveryCoach.Referrals.Tests.Notifications;

/// <summary>The daily cap on referral emails to one address, counted in the task hub's MailCounts table in Azurite.</summary>
public sealed class RecipientMailLimitTests : StorageTestBase
{
    private const string Address = "someone.chosen@example.com";

    // 22:30 UTC on 15 June is 23:30 in UK summer time: the UK day ends at 23:00 UTC.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 6, 15, 22, 30, 0, TimeSpan.Zero));

    private RecipientMailLimit Limit(int perDay = 5) =>
        new(Service, Options, Microsoft.Extensions.Options.Options.Create(new NotificationOptions { ReferralEmailsPerAddressPerDay = perDay }), clock);

    [Fact]
    public async Task The_sixth_email_to_one_address_in_a_UK_day_is_refused_whatever_the_case_of_the_address()
    {
        var limit = Limit();

        var answers = new List<bool>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await limit.TryCountAsync(Acknowledgement(i % 2 == 0 ? Address : Address.ToUpperInvariant()), CancellationToken.None));
        }

        answers.Should().Equal(true, true, true, true, true, false);
        (await limit.TryCountAsync(Acknowledgement("another.person@example.com"), CancellationToken.None)).Should().BeTrue("each address has its own count");
    }

    [Fact]
    public async Task A_retried_send_of_the_same_email_is_counted_once()
    {
        var limit = Limit(perDay: 2);
        var first = Acknowledgement(Address);

        var answers = new[]
        {
            await limit.TryCountAsync(first, CancellationToken.None),
            await limit.TryCountAsync(first, CancellationToken.None),
            await limit.TryCountAsync(Acknowledgement(Address), CancellationToken.None),
            await limit.TryCountAsync(first, CancellationToken.None),
            await limit.TryCountAsync(Acknowledgement(Address), CancellationToken.None),
        };

        answers.Should().Equal(true, true, true, true, false);
    }

    [Fact]
    public async Task The_count_starts_again_at_UK_midnight()
    {
        var limit = Limit(perDay: 1);

        var before = await limit.TryCountAsync(Acknowledgement(Address), CancellationToken.None);
        var refused = await limit.TryCountAsync(Acknowledgement(Address), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(20));
        var stillThatDay = await limit.TryCountAsync(Acknowledgement(Address), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(20));
        var nextDay = await limit.TryCountAsync(Acknowledgement(Address), CancellationToken.None);

        new[] { before, refused, stillThatDay, nextDay }.Should().Equal(true, false, false, true);
    }

    [Fact]
    public async Task Ten_sends_at_once_to_one_address_are_let_through_five_times()
    {
        var limit = Limit();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => limit.TryCountAsync(Acknowledgement(Address), CancellationToken.None)));

        answers.Count(allowed => allowed).Should().Be(5, "each count is written only if nobody wrote the row since it was read");
    }

    [Fact]
    public async Task The_table_keeps_a_hash_of_the_address_never_the_address()
    {
        await Limit().TryCountAsync(Acknowledgement(Address), CancellationToken.None);

        var rows = new List<TableEntity>();
        await foreach (var entity in Service.GetTableClient(Options.Value.TablePrefix + "MailCounts").QueryAsync<TableEntity>())
        {
            rows.Add(entity);
        }

        var row = rows.Should().ContainSingle().Subject;
        row.PartitionKey.Should().Be("2025-06-15");
        row.RowKey.Should().Be(RecipientMailLimit.AddressKey(Address)).And.MatchRegex("^[0-9a-f]{64}$");
        ((IDictionary<string, object>)row).Values.Select(v => v?.ToString() ?? string.Empty).Should().NotContain(v => v.Contains("someone", StringComparison.OrdinalIgnoreCase));
    }

    private static ReferralEmail Acknowledgement(string address) =>
        ReferralEmail.Create(TestReferrals.Allocated(Team.Cambridge), ReferralEmails.AcknowledgementToReferrerKey, ReferralEmails.AcknowledgementToReferrerKey, "referrer", address, "Referral received", "Thank you.");
}
