using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Web.Hosting.DataProtection;

namespace RecoveryCoach.Web.Tests.Hosting.DataProtection;

public sealed class KeyVaultKeyWrapperTests : IDisposable
{
    private readonly StandInKeyVault vault = new();

    public void Dispose() => vault.Dispose();

    [Fact]
    public void Wrapping_asks_the_vault_for_RSA_OAEP_256_on_the_key_and_unwrapping_on_the_version_that_wrapped()
    {
        var wrapper = new KeyVaultKeyWrapper(new Uri(StandInKeyVault.KeyUri), vault.Credential, vault.Transport);
        var key = RandomNumberGenerator.GetBytes(32);

        var wrapped = wrapper.Wrap(key);
        var unwrapped = wrapper.Unwrap(wrapped);

        wrapped.KeyId.Should().Be(StandInKeyVault.KeyVersion);
        wrapped.Value.Should().NotEqual(key);
        unwrapped.Should().Equal(key);
        vault.Requests.Select(r => r.Uri.ToString()).Should().Equal(
            StandInKeyVault.KeyUri + "/wrapkey?api-version=7.4",
            StandInKeyVault.KeyVersion + "/unwrapkey?api-version=7.4");
        vault.Requests.Should().AllSatisfy(r =>
        {
            r.Authorization.Should().Be("Bearer " + StandInKeyVault.Token);
            ((string)r.Body["alg"]!).Should().Be("RSA-OAEP-256");
        });
    }

    [Fact]
    public void An_encrypted_key_element_keeps_nothing_of_the_plaintext_and_decrypts_only_through_the_vault()
    {
        var wrapper = new KeyVaultKeyWrapper(new Uri(StandInKeyVault.KeyUri), vault.Credential, vault.Transport);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var plaintext = new XElement("masterKey", new XElement("value", secret));
        using var services = new ServiceCollection().AddSingleton(new KeyRingWrapping(wrapper)).BuildServiceProvider();
        using var without = new ServiceCollection().BuildServiceProvider();

        var encrypted = new WrappedKeyXmlEncryptor(wrapper).Encrypt(plaintext);
        var decrypted = new WrappedKeyXmlDecryptor(services).Decrypt(encrypted.EncryptedElement);
        var withoutVault = () => new WrappedKeyXmlDecryptor(without).Decrypt(encrypted.EncryptedElement);

        encrypted.DecryptorType.Should().Be<WrappedKeyXmlDecryptor>();
        encrypted.EncryptedElement.ToString().Should().NotContain(secret).And.NotContain("masterKey");
        decrypted.ToString().Should().Be(plaintext.ToString());
        withoutVault.Should().Throw<InvalidOperationException>().WithMessage("*DataProtection:KeyUri*");
    }
}
