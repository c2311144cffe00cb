using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.Versions;
using RecoveryCoach.Referrals.Tests.Storage;

namespace RecoveryCoach.Referrals.Tests.Rules;

/// <summary>The stored versions of the rules, against a real Azurite.</summary>
public sealed class RulesetVersionStoreTests : StorageTestBase, IDisposable
{
    private static readonly DateTimeOffset FirstUse = new(2026, 6, 15, 9, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(FirstUse);
    private readonly RuleFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task EnsureStored_ThenGet_GivesBackTheExactFilesAndWhenFirstUsed()
    {
        var rules = folder.Load();

        await Store().EnsureStoredAsync(rules, CancellationToken.None);
        var stored = await Store().GetAsync(rules.Version, CancellationToken.None);

        stored.Should().NotBeNull();
        stored!.Version.Should().Be(rules.Version);
        stored.FirstUsedAt.Should().Be(FirstUse);
        stored.Files.Texts.Should().BeEquivalentTo(rules.Contents.Texts);
        Ruleset.Load(stored.Files).Version.Should().Be(rules.Version);
    }

    [Fact]
    public async Task EnsureStored_AgainLaterFromAnotherHost_KeepsTheFirstUseTime()
    {
        var rules = folder.Load();
        await Store().EnsureStoredAsync(rules, CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(3));

        await Store().EnsureStoredAsync(rules, CancellationToken.None);

        (await Store().GetAsync(rules.Version, CancellationToken.None))!.FirstUsedAt.Should().Be(FirstUse);
    }

    [Fact]
    public async Task EnsureStored_FilesFarOverThePropertyLimit_AreStoredWhole()
    {
        // 200,000 characters of note, each a character outside the Basic Multilingual Plane (two
        // UTF-16 units), lined up so the first 30,000-character piece would end between the two.
        const string Old = "so a team lead checks the address and chooses.";
        var start = File.ReadAllText(Path.Combine(folder.Path, Ruleset.AllocationFile)).IndexOf(Old, StringComparison.Ordinal);
        var note = (start % 2 == 1 ? string.Empty : "x") + string.Concat(Enumerable.Repeat("🌾", 100_000));
        folder.Replace(Ruleset.AllocationFile, Old, note);
        var rules = folder.Load();
        var text = rules.Contents.Texts[Ruleset.AllocationFile];
        text.Length.Should().BeGreaterThan(6 * RulesetVersionStore.ChunkCharacters);
        char.IsHighSurrogate(text[RulesetVersionStore.ChunkCharacters - 1]).Should().BeTrue();

        await Store().EnsureStoredAsync(rules, CancellationToken.None);
        var stored = await Store().GetAsync(rules.Version, CancellationToken.None);

        stored!.Files.Texts[Ruleset.AllocationFile].Should().Be(rules.Contents.Texts[Ruleset.AllocationFile]);
        stored.Files.Version.Should().Be(rules.Version);
    }

    [Fact]
    public async Task Get_VersionNeverUsed_IsNull()
    {
        await Store().EnsureStoredAsync(folder.Load(), CancellationToken.None);

        (await Store().GetAsync("0123456789ab", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Get_TextChangedInStorage_IsRefusedRatherThanShownAsThatVersion()
    {
        var rules = folder.Load();
        await Store().EnsureStoredAsync(rules, CancellationToken.None);
        var table = Service.GetTableClient(Options.Value.TablePrefix + RulesetVersionStore.TableName);
        var row = (await table.GetEntityAsync<TableEntity>(rules.Version, $"file-{Ruleset.EligibilityFile}-0000")).Value;
        row["Text"] = row.GetString("Text").Replace("17", "16", StringComparison.Ordinal);
        await table.UpdateEntityAsync(row, row.ETag);

        var act = () => Store().GetAsync(rules.Version, CancellationToken.None);

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage($"*{rules.Version}*");
    }

    [Fact]
    public async Task List_GivesEveryStoredVersionNewestFirst()
    {
        var first = folder.Load();
        await Store().EnsureStoredAsync(first, CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(1));
        folder.Replace(Ruleset.EligibilityFile, "referral.AgeInYears >= 17", "referral.AgeInYears >= 16");
        var second = folder.Load();
        await Store().EnsureStoredAsync(second, CancellationToken.None);

        var versions = await Store().ListAsync(CancellationToken.None);

        versions.Should().Equal((second.Version, FirstUse.AddDays(1)), (first.Version, FirstUse));
    }

    private RulesetVersionStore Store() => new(Service, Options, clock, NullLogger<RulesetVersionStore>.Instance);
}
