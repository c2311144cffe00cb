using RecoveryCoach.Infra.Tests.Deployment;

namespace RecoveryCoach.Infra.Tests.Modules;

/// <summary>infra/modules/storage.bicep: the one storage account, opened by identities only.</summary>
public sealed class StorageTests
{
    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void The_account_is_StorageV2_on_TLS_1_2_HTTPS_only_with_no_public_blobs_and_no_shared_keys(string environment)
    {
        var account = Built.Snapshot(environment).Single("Microsoft.Storage/storageAccounts");
        var properties = account["properties"]!;

        Arm.Text(account, "kind").Should().Be("StorageV2");
        properties["minimumTlsVersion"]!.GetValue<string>().Should().Be("TLS1_2");
        properties["supportsHttpsTrafficOnly"]!.GetValue<bool>().Should().BeTrue();
        properties["allowBlobPublicAccess"]!.GetValue<bool>().Should().BeFalse();
        properties["allowSharedKeyAccess"]!.GetValue<bool>().Should().BeFalse();
        properties["defaultToOAuthAuthentication"]!.GetValue<bool>().Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void It_has_private_containers_for_the_Data_Protection_keys_and_the_Functions_package(string environment)
    {
        var containers = Built.Snapshot(environment).OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();

        containers.Select(c => Arm.Text(c, "name").Split('/')[^1]).Should().BeEquivalentTo("dataprotection", "functions-package");
        containers.Should().OnlyContain(c => Arm.Text(c, "properties", "publicAccess") == "None");
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Each_app_identity_holds_the_blob_queue_and_table_data_roles_on_the_account_and_nothing_else_does(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var account = Arm.Text(snapshot.Single("Microsoft.Storage/storageAccounts"), "id");
        var functions = Arm.Ref(snapshot.Single("Microsoft.ManagedIdentity/userAssignedIdentities", "-functions-id"), "principalId");
        var web = Arm.Ref(snapshot.Single("Microsoft.ManagedIdentity/userAssignedIdentities", "-web-id"), "principalId");

        snapshot.RoleAssignments.Where(a => a.Scope.StartsWith(account, StringComparison.Ordinal)).Should().BeEquivalentTo(new[]
        {
            new RoleAssignment(account, functions, Arm.Roles.StorageBlobDataOwner),
            new RoleAssignment(account, functions, Arm.Roles.StorageQueueDataContributor),
            new RoleAssignment(account, functions, Arm.Roles.StorageTableDataContributor),
            new RoleAssignment(account, web, Arm.Roles.StorageBlobDataContributor),
            new RoleAssignment(account, web, Arm.Roles.StorageQueueDataContributor),
            new RoleAssignment(account, web, Arm.Roles.StorageTableDataContributor),
        });
        snapshot.OfType("Microsoft.Authorization/roleAssignments").Should().OnlyContain(a => Arm.Text(a, "properties", "principalType") == "ServicePrincipal");
    }

    [Fact]
    public void Production_storage_is_zone_redundant()
    {
        Arm.Text(Built.Snapshot("prod").Single("Microsoft.Storage/storageAccounts"), "sku", "name").Should().Be("Standard_ZRS");
    }
}
