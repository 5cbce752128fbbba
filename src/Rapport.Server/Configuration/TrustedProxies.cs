using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Rapport.Server.Configuration;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address, so the console's sign-in
/// throttle would count every visitor's failures as one address's, and the OAuth callback would be
/// built with the proxy's scheme. With <c>Rapport:TrustedProxies</c> set, requests from those
/// addresses or networks are taken at their <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> word;
/// from anywhere else the headers are ignored, so a client cannot pick its own address.
/// </summary>
public static class TrustedProxies
{
    /// <summary>
    /// Parses a comma-separated list of addresses (<c>10.0.0.5</c>) and networks (<c>10.0.0.0/8</c>).
    /// Throws <see cref="FormatException"/> naming the entry that is neither.
    /// </summary>
    public static ForwardedHeadersOptions Parse(string list)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        // Only what is listed: the defaults trust loopback, which would let any local process speak for clients.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new FormatException(
                    $"Rapport:TrustedProxies: \"{entry}\" is neither an IP address (10.0.0.5) nor a network (10.0.0.0/8); separate entries with commas.");
            }
        }
        return options;
    }
}
