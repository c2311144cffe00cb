using System.Net;
using System.Net.Sockets;

namespace RecoveryCoach.Web.Hosting;

/// <summary>
/// Where a request came from: the address of the caller, which is the front end's forwarded client
/// address when forwarded headers are trusted (<see cref="TransportSecurity"/>). The access log
/// records it whole; the anonymous limits count an IPv6 caller by its /64, since one home or phone
/// holds a whole /64 and could otherwise take a fresh address for every request.
/// </summary>
internal static class ClientAddress
{
    /// <summary>The caller's address, IPv4 as IPv4 even when it came over IPv6; <c>unknown</c> when the host does not know it.</summary>
    public static string Of(HttpContext context) => AddressOf(context)?.ToString() ?? "unknown";

    /// <summary>Who the caller is for a rate limit: their IPv4 address, or their IPv6 /64.</summary>
    public static string PartitionOf(HttpContext context)
    {
        var address = AddressOf(context);
        if (address is null)
        {
            return "unknown";
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    private static IPAddress? AddressOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        return address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
    }
}
