using RecoveryCoach.Infra.Tests.Deployment;

namespace RecoveryCoach.Infra.Tests.Modules;

/// <summary>infra/modules/keyvault.bicep: the vault in RBAC mode, its two secrets and one key, and who may use each.</summary>
public sealed class KeyVaultTests
{
    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void The_vault_is_in_RBAC_mode_with_soft_delete(string environment)
    {
        var properties = Built.Snapshot(environment).Single("Microsoft.KeyVault/vaults")["properties"]!;

        properties["enableRbacAuthorization"]!.GetValue<bool>().Should().BeTrue();
        properties["enableSoftDelete"]!.GetValue<bool>().Should().BeTrue();
        properties["softDeleteRetentionInDays"]!.GetValue<int>().Should().Be(90);
        properties["enabledForTemplateDeployment"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void Production_has_purge_protection_and_dev_leaves_it_off_so_a_dev_vault_can_be_purged()
    {
        Built.Snapshot("prod").Single("Microsoft.KeyVault/vaults")["properties"]!["enablePurgeProtection"]!.GetValue<bool>().Should().BeTrue();
        Built.Snapshot("dev").Single("Microsoft.KeyVault/vaults")["properties"]!["enablePurgeProtection"].Should().BeNull();
    }

    [Fact]
    public void The_secrets_are_written_only_from_secure_parameters()
    {
        var template = Arm.Module(Built.Template, "keyvault");
        var secrets = Arm.Resources(template).Where(r => Arm.Text(r, "type") == "Microsoft.KeyVault/vaults/secrets").ToList();

        secrets.Select(s => s["properties"]!["value"]!.GetValue<string>()).Should().BeEquivalentTo("[parameters('smtpPassword')]", "[parameters('staffSignInClientSecret')]");
        template["parameters"]!["smtpPassword"]!["type"]!.GetValue<string>().Should().Be("securestring");
        template["parameters"]!["staffSignInClientSecret"]!["type"]!.GetValue<string>().Should().Be("securestring");
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void The_Data_Protection_key_is_RSA_and_only_wraps_and_unwraps(string environment)
    {
        var key = Built.Snapshot(environment).Single("Microsoft.KeyVault/vaults/keys", "/dataprotection");

        Arm.Text(key, "properties", "kty").Should().Be("RSA");
        key["properties"]!["keyOps"]!.AsArray().Select(o => o!.GetValue<string>()).Should().BeEquivalentTo("wrapKey", "unwrapKey");
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Each_app_may_read_only_the_secrets_it_uses_and_only_the_web_app_may_use_the_key(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var vault = Arm.Text(snapshot.Single("Microsoft.KeyVault/vaults"), "id");
        var smtp = Arm.Text(snapshot.Single("Microsoft.KeyVault/vaults/secrets", "/smtp-password"), "id");
        var staff = Arm.Text(snapshot.Single("Microsoft.KeyVault/vaults/secrets", "/staff-signin-client-secret"), "id");
        var key = Arm.Text(snapshot.Single("Microsoft.KeyVault/vaults/keys", "/dataprotection"), "id");
        var functions = Arm.Ref(snapshot.Single("Microsoft.ManagedIdentity/userAssignedIdentities", "-functions-id"), "principalId");
        var web = Arm.Ref(snapshot.Single("Microsoft.ManagedIdentity/userAssignedIdentities", "-web-id"), "principalId");

        snapshot.RoleAssignments.Where(a => a.Scope.StartsWith(vault, StringComparison.Ordinal)).Should().BeEquivalentTo(new[]
        {
            new RoleAssignment(smtp, functions, Arm.Roles.KeyVaultSecretsUser),
            new RoleAssignment(smtp, web, Arm.Roles.KeyVaultSecretsUser),
            new RoleAssignment(staff, web, Arm.Roles.KeyVaultSecretsUser),
            new RoleAssignment(key, web, Arm.Roles.KeyVaultCryptoUser),
        });
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void The_vaults_audit_log_goes_to_Log_Analytics(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var audit = snapshot.Single("Microsoft.Insights/diagnosticSettings");

        Arm.Text(audit, "id").Should().StartWith(Arm.Text(snapshot.Single("Microsoft.KeyVault/vaults"), "id") + "/providers/");
        Arm.Text(audit, "properties", "workspaceId").Should().Be(Arm.Text(snapshot.Single("Microsoft.OperationalInsights/workspaces"), "id"));
        Arm.Text(audit["properties"]!["logs"]![0]!, "categoryGroup").Should().Be("audit");
    }
}
