namespace RecoveryCoach.Web.Hosting.DataProtection;

/// <summary>A data-protection key as a key-encryption key wrapped it, with the id of the key version that did.</summary>
internal sealed record WrappedKey(string KeyId, byte[] Value);

/// <summary>Wraps and unwraps the keys that encrypt the data-protection key ring, without the wrapping key ever leaving its vault.</summary>
internal interface IKeyWrapper
{
    WrappedKey Wrap(byte[] key);

    byte[] Unwrap(WrappedKey wrapped);
}
