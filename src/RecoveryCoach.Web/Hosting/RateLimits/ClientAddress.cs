using System.Net;
using System.Net.Sockets;

namespace RecoveryCoach.Web.Hosting.RateLimits;

/// <summary>
/// Who a caller is for the anonymous limits: the address the request came from, which is the
/// front end's forwarded client address when forwarded headers are trusted (<see cref="TransportSecurity"/>).
/// An IPv6 caller is counted by its /64, since one home or phone holds a whole /64 and could
/// otherwise take a fresh address for every request.
/// </summary>
internal static class ClientAddress
{
    public static string PartitionOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
