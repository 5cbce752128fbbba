using System.Security.Cryptography;
using System.Text;

namespace Rapport.Server.Admin;

/// <summary>Requires <c>Authorization: Bearer &lt;admin key&gt;</c> on every admin API call.</summary>
internal sealed class AdminKeyFilter(AdminKey adminKey) : IEndpointFilter
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(adminKey.Value);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Create(401, "Missing admin key",
                "Send the admin API key as \"Authorization: Bearer <key>\" (RAPPORT_ADMIN_KEY, or the key printed at first start).");
        }
        var presented = Encoding.UTF8.GetBytes(header[7..].Trim());
        if (!CryptographicOperations.FixedTimeEquals(presented, _expected))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Problems.Create(401, "Invalid admin key", "The admin API key is wrong; check RAPPORT_ADMIN_KEY.");
        }
        return await next(context);
    }
}
