using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace RecoveryCoach.Web.Hosting.DataProtection;

/// <summary>
/// Reads back what <see cref="WrappedKeyXmlEncryptor"/> wrote. Data protection creates it by
/// type, with the app's services, whenever it loads the key ring.
/// </summary>
public sealed class WrappedKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var wrapper = (services.GetService(typeof(KeyRingWrapping)) as KeyRingWrapping)?.Wrapper
            ?? throw new InvalidOperationException("The data-protection key ring is wrapped by a Key Vault key, but DataProtection:KeyUri is not set.");
        var kid = (string?)encryptedElement.Attribute("kid") ?? throw new CryptographicException("The wrapped data-protection key names no key version.");
        var key = wrapper.Unwrap(new WrappedKey(kid, Read(encryptedElement, "key")));
        try
        {
            var ciphertext = Read(encryptedElement, "value");
            var plaintext = new byte[ciphertext.Length];
            using (var aes = new AesGcm(key, WrappedKeyXmlEncryptor.TagSize))
            {
                aes.Decrypt(Read(encryptedElement, "nonce"), ciphertext, Read(encryptedElement, "tag"), plaintext);
            }

            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] Read(XElement element, string name) =>
        Convert.FromBase64String((string?)element.Element(name) ?? throw new CryptographicException($"The wrapped data-protection key has no {name}."));
}
