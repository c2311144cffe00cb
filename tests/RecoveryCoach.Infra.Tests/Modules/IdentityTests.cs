using RecoveryCoach.Infra.Tests.Deployment;

namespace RecoveryCoach.Infra.Tests.Modules;

/// <summary>infra/modules/identity.bicep: one user-assigned identity per app, which is all each app is to Azure.</summary>
public sealed class IdentityTests
{
    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Each_app_runs_as_its_own_user_assigned_identity_and_reads_Key_Vault_references_with_it(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var identities = snapshot.OfType("Microsoft.ManagedIdentity/userAssignedIdentities").ToList();

        identities.Should().HaveCount(2);
        foreach (var (kind, identityNameEnd) in new[] { ("functionapp,linux", "-functions-id"), ("app,linux", "-web-id") })
        {
            var site = snapshot.Site(kind);
            var identity = Arm.Text(snapshot.Single("Microsoft.ManagedIdentity/userAssignedIdentities", identityNameEnd), "id");

            Arm.Text(site, "identity", "type").Should().Be("UserAssigned");
            site["identity"]!["userAssignedIdentities"]!.AsObject().Select(i => i.Key).Should().Equal(identity);
            Arm.Text(site, "properties", "keyVaultReferenceIdentity").Should().Be(identity);
        }
    }
}
