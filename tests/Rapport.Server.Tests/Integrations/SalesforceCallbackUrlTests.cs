using Microsoft.AspNetCore.Http;
using Rapport.Server.Integrations;

namespace Rapport.Server.Tests.Integrations;

/// <summary>The callback URL an admin pastes into the connected app.</summary>
public sealed class SalesforceCallbackUrlTests
{
    [Fact]
    public void CallbackUrl_NoPublicUrl_UsesTheRequestOrigin()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("rapport.example.com", 8443);
        context.Request.PathBase = "/crm";

        Assert.Equal("https://rapport.example.com:8443/crm/oauth/salesforce/callback", SalesforceConnections.CallbackUrl(null, context.Request).ToString());
    }

    [Fact]
    public void CallbackUrl_PublicUrlBehindAProxy_WinsOverTheRequest()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("10.0.0.7", 5080);

        Assert.Equal("https://rapport.example.com/oauth/salesforce/callback",
            SalesforceConnections.CallbackUrl("https://rapport.example.com/", context.Request).ToString());
    }
}
