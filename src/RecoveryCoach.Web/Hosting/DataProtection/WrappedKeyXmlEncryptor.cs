using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace RecoveryCoach.Web.Hosting.DataProtection;

/// <summary>
/// Encrypts a data-protection key with a fresh AES-256-GCM key of its own, and stores that key
/// only as the vault wrapped it: reading the blob alone gives nothing that can forge a cookie.
/// </summary>
internal sealed class WrappedKeyXmlEncryptor(IKeyWrapper wrapper) : IXmlEncryptor
{
    internal const string ElementName = "wrappedKeyEncryption";
    internal const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var key = RandomNumberGenerator.GetBytes(32);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
            var ciphertext = new byte[plaintext.Length];
            var tag = new byte[TagSize];
            using (var aes = new AesGcm(key, TagSize))
            {
                aes.Encrypt(nonce, plaintext, ciphertext, tag);
            }

            var wrapped = wrapper.Wrap(key);
            var element = new XElement(
                ElementName,
                new XAttribute("kid", wrapped.KeyId),
                new XElement("key", Convert.ToBase64String(wrapped.Value)),
                new XElement("nonce", Convert.ToBase64String(nonce)),
                new XElement("tag", Convert.ToBase64String(tag)),
                new XElement("value", Convert.ToBase64String(ciphertext)));
            return new EncryptedXmlInfo(element, typeof(WrappedKeyXmlDecryptor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
