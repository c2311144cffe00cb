using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Web.Staff;

/// <summary>
/// Keeps staff sign-in sessions on the server, in the task hub's table <c>{hub}StaffSessions</c>,
/// so the cookie holds only a random key. Signing out deletes the row, and with it the session
/// on every instance: a copied cookie is worth nothing afterwards. Rows are found by a hash of
/// the key, so the table alone cannot be used to sign in, and the ticket in a row is protected
/// by the shared key ring.
/// </summary>
internal sealed class StaffSessionStore(TableServiceClient tables, IOptions<StorageOptions> storage, IDataProtectionProvider protection) : ITicketStore
{
    private const string TableName = "StaffSessions";
    private const string RowKey = "session";
    private readonly CreatedTable table = CreatedTable.Named(tables, storage, TableName);
    private readonly IDataProtector protector = protection.CreateProtector("RecoveryCoach.Web.Staff.StaffSessionStore.v1");

    /// <summary>Real time, as the cookie's own lifetime is, whatever clock the journeys run on.</summary>
    private static TimeProvider Clock => TimeProvider.System;

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var client = await TableAsync().ConfigureAwait(false);
        await client.AddEntityAsync(Row(key, ticket)).ConfigureAwait(false);
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var client = await TableAsync().ConfigureAwait(false);
        await client.UpsertEntityAsync(Row(key, ticket), TableUpdateMode.Replace).ConfigureAwait(false);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var client = await TableAsync().ConfigureAwait(false);
        var row = await client.GetEntityIfExistsAsync<TableEntity>(PartitionOf(key), RowKey).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }

        if (entity.GetDateTimeOffset("ExpiresAt") is not { } expires || expires <= Clock.GetUtcNow())
        {
            await RemoveAsync(key).ConfigureAwait(false);
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(entity.GetBinary("Ticket")));
        }
        catch (CryptographicException)
        {
            // Protected by a key the ring no longer holds: the member of staff signs in again.
            return null;
        }
    }

    public async Task RemoveAsync(string key)
    {
        var client = await TableAsync().ConfigureAwait(false);
        try
        {
            await client.DeleteEntityAsync(PartitionOf(key), RowKey, ETag.All).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone: signed out elsewhere, or expired.
        }
    }

    private TableEntity Row(string key, AuthenticationTicket ticket) => new(PartitionOf(key), RowKey)
    {
        ["Ticket"] = protector.Protect(TicketSerializer.Default.Serialize(ticket)),
        ["ExpiresAt"] = ticket.Properties.ExpiresUtc ?? Clock.GetUtcNow().AddHours(8),
    };

    private static string PartitionOf(string key) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    private ValueTask<TableClient> TableAsync() => table.GetAsync(CancellationToken.None);

    /// <summary>Puts staff sessions in this store.</summary>
    public static void Use(IServiceCollection services)
    {
        services.AddSingleton<StaffSessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<StaffSessionStore>((cookie, store) => cookie.SessionStore = store);
    }
}
