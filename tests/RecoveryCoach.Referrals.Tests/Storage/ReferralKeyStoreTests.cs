using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Tests.Storage;

public class ReferralKeyStoreTests : StorageTestBase
{
    private readonly ReferralKeyStore keys;

    public ReferralKeyStoreTests() => keys = new ReferralKeyStore(Service, Options);

    [Fact]
    public async Task TryReserveReference_NewReference_ReturnsTrue()
    {
        var reserved = await keys.TryReserveReferenceAsync("RC-7K3M9Q", "referral-a", CancellationToken.None);

        reserved.Should().BeTrue();
    }

    [Fact]
    public async Task TryReserveReference_ReferenceAlreadyReserved_ReturnsFalse()
    {
        await keys.TryReserveReferenceAsync("RC-7K3M9Q", "referral-a", CancellationToken.None);

        var reservedAgain = await keys.TryReserveReferenceAsync("RC-7K3M9Q", "referral-b", CancellationToken.None);

        reservedAgain.Should().BeFalse();
    }

    [Fact]
    public async Task TryReserveReference_DifferentReferences_AreEachReserved()
    {
        await keys.TryReserveReferenceAsync("RC-7K3M9Q", "referral-a", CancellationToken.None);

        var other = await keys.TryReserveReferenceAsync("RC-7K3M9R", "referral-b", CancellationToken.None);

        other.Should().BeTrue();
    }

    [Fact]
    public async Task Claim_NewKey_ReturnsTheProposedClaim()
    {
        var proposed = new IdempotencyClaim("referral-a", "RC-7K3M9Q", "hash-a");

        var claim = await keys.ClaimAsync("key-1", proposed, CancellationToken.None);

        claim.Should().Be(proposed);
    }

    [Fact]
    public async Task Claim_KeyClaimedBefore_ReturnsTheEarlierClaim()
    {
        var first = new IdempotencyClaim("referral-a", "RC-7K3M9Q", "hash-a");
        await keys.ClaimAsync("key-1", first, CancellationToken.None);

        var claim = await keys.ClaimAsync("key-1", new IdempotencyClaim("referral-b", "RC-22222B", "hash-b"), CancellationToken.None);

        claim.Should().Be(first);
    }

    [Fact]
    public async Task Claim_DifferentKeys_AreClaimedSeparately()
    {
        await keys.ClaimAsync("key-1", new IdempotencyClaim("referral-a", "RC-7K3M9Q", "hash-a"), CancellationToken.None);
        var second = new IdempotencyClaim("referral-b", "RC-22222B", "hash-b");

        var claim = await keys.ClaimAsync("key-2", second, CancellationToken.None);

        claim.Should().Be(second);
    }
}
