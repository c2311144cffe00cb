using RecoveryCoach.Infra.Tests.Deployment;

namespace RecoveryCoach.Infra.Tests.Modules;

/// <summary>infra/modules/email.bicep: ACS and its Email service, and the SMTP settings both apps send with.</summary>
public sealed class EmailTests
{
    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Communication_Services_is_linked_to_an_Azure_managed_domain_without_tracking(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var domain = snapshot.Single("Microsoft.Communication/emailServices/domains", "/AzureManagedDomain");
        var acs = snapshot.Single("Microsoft.Communication/communicationServices");

        Arm.Text(domain, "properties", "domainManagement").Should().Be("AzureManaged");
        Arm.Text(domain, "properties", "userEngagementTracking").Should().Be("Disabled");
        acs["properties"]!["linkedDomains"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal(Arm.Text(domain, "id"));
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void The_Entra_application_from_the_parameters_gets_an_SMTP_username_and_the_sending_role(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var parameters = Built.Parameters(environment)["parameters"]!;
        var acs = Arm.Text(snapshot.Single("Microsoft.Communication/communicationServices"), "id");
        var username = snapshot.Single("Microsoft.Communication/communicationServices/smtpUsernames");

        Arm.Text(username, "properties", "entraApplicationId").Should().Be(parameters["smtpEntraApplicationId"]!["value"]!.GetValue<string>());
        Arm.Text(username, "properties", "tenantId").Should().Be(Arm.Text(snapshot.Single("Microsoft.KeyVault/vaults"), "properties", "tenantId"));
        snapshot.RoleAssignments.Where(a => a.Scope == acs).Should().Equal(
            new RoleAssignment(acs, parameters["smtpEntraServicePrincipalId"]!["value"]!.GetValue<string>(), Arm.Roles.CommunicationAndEmailServiceOwner));
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Both_apps_send_through_the_ACS_SMTP_endpoint_with_the_password_from_Key_Vault(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var username = Arm.Text(snapshot.Single("Microsoft.Communication/communicationServices/smtpUsernames"), "properties", "username");
        var secret = snapshot.Single("Microsoft.KeyVault/vaults/secrets", "/smtp-password");
        var domain = snapshot.Single("Microsoft.Communication/emailServices/domains");

        foreach (var kind in new[] { "functionapp,linux", "app,linux" })
        {
            snapshot.AppSettings(snapshot.Site(kind)).Should().Contain(new Dictionary<string, string>
            {
                ["Smtp__Host"] = "smtp.azurecomm.net",
                ["Smtp__Port"] = "587",
                ["Smtp__Security"] = "StartTls",
                ["Smtp__UserName"] = username,
                ["Smtp__Password"] = $"@Microsoft.KeyVault(SecretUri={Arm.Ref(secret, "secretUri")})",
                ["Smtp__FromAddress"] = $"DoNotReply@{Arm.Ref(domain, "mailFromSenderDomain")}",
            });
        }
    }
}
