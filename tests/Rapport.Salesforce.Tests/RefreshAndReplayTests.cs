using System.Net;
using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Diagnostics;
using Rapport.Salesforce.Http;
using Rapport.Salesforce.Tests.Support;

namespace Rapport.Salesforce.Tests;

public class RefreshAndReplayTests
{
    private const string Limits = """{"DailyApiRequests":{"Max":15000,"Remaining":14990}}""";

    [Fact]
    public async Task InvalidSession_RefreshesOnceAndReplaysWithTheNewToken()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(r => r.Path switch
        {
            "/services/oauth2/token" => FakeSalesforceHandler.Token("token-2"),
            _ when r.Bearer == "token-1" => FakeSalesforceHandler.InvalidSession(),
            _ => FakeSalesforceHandler.Json(HttpStatusCode.OK, Limits),
        });

        var limits = await harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(14990, limits["DailyApiRequests"].Remaining);
        var calls = harness.Handler.Requests;
        Assert.Equal(["token-1", null, "token-2"], calls.Select(c => c.Bearer));
        var form = Form.Parse(calls[1].Body);
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal("refresh-1", form["refresh_token"]);
        Assert.Equal("token-2", harness.Store.Current!.AccessToken);
        Assert.Equal("refresh-1", harness.Store.Current.RefreshToken);
        Assert.Equal(1, harness.Store.SaveCount);
    }

    [Fact]
    public async Task InvalidSession_OnACreate_ReplaysTheSameBody()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(r => r.Path switch
        {
            "/services/oauth2/token" => FakeSalesforceHandler.Token("token-2"),
            _ when r.Bearer == "token-1" => FakeSalesforceHandler.InvalidSession(),
            _ => FakeSalesforceHandler.Json(HttpStatusCode.Created, """{"id":"003xx0000000001AAA","success":true,"errors":[]}"""),
        });

        var id = await harness.Client.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Replayed" }, TestContext.Current.CancellationToken);

        Assert.Equal("003xx0000000001AAA", id);
        var creates = harness.Handler.RequestsTo("/sobjects/Contact");
        Assert.Equal(2, creates.Count);
        Assert.Equal("""{"LastName":"Replayed"}""", creates[1].Body);
        Assert.Equal(creates[0].Body, creates[1].Body);
    }

    [Fact]
    public async Task InvalidSession_AfterReplay_SurfacesAsSessionExpired()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(r => r.Path == "/services/oauth2/token" ? FakeSalesforceHandler.Token("token-2") : FakeSalesforceHandler.InvalidSession());

        var exception = await Assert.ThrowsAsync<SalesforceApiException>(() => harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken));

        Assert.True(exception.IsSessionExpired);
        Assert.Equal("INVALID_SESSION_ID", exception.ErrorCode);
        Assert.Equal(3, harness.Handler.Requests.Count);
        Assert.Single(harness.Handler.RequestsTo("/oauth2/token"));
    }

    [Fact]
    public async Task ConcurrentRequests_WithAnExpiredSession_ShareOneRefresh()
    {
        using var harness = new ClientHarness();
        var release = new TaskCompletionSource();
        harness.Handler.Respond = async r =>
        {
            if (r.Path == "/services/oauth2/token")
            {
                await release.Task;
                return FakeSalesforceHandler.Token("token-2");
            }
            return r.Bearer == "token-1" ? FakeSalesforceHandler.InvalidSession() : FakeSalesforceHandler.Json(HttpStatusCode.OK, Limits);
        };

        var calls = Enumerable.Range(0, 8).Select(_ => harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken)).ToList();
        while (harness.Handler.RequestsTo("/limits").Count < 8)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        release.SetResult();
        await Task.WhenAll(calls);

        Assert.Single(harness.Handler.RequestsTo("/oauth2/token"));
        Assert.Equal(8, harness.Handler.RequestsTo("/limits").Count(r => r.Bearer == "token-2"));
    }

    [Fact]
    public async Task RevokedRefreshToken_SurfacesAsTypedAuthException()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(r => r.Path == "/services/oauth2/token"
            ? FakeSalesforceHandler.Json(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"expired access/refresh token"}""")
            : FakeSalesforceHandler.InvalidSession());

        var exception = await Assert.ThrowsAsync<SalesforceAuthException>(() => harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken));

        Assert.True(exception.IsRefreshTokenExpired);
        Assert.Single(harness.Handler.RequestsTo("/oauth2/token"));
    }

    [Fact]
    public async Task PasswordConnection_WithoutTokens_LogsInAndReLogsInOnExpiry()
    {
        var options = new SalesforceConnectionOptions
        {
            ConsumerKey = "key",
            LoginUrl = new Uri(ClientHarness.Login),
            Username = "int@example.com",
            Password = "pw",
            SecurityToken = "TOK",
        };
        using var harness = new ClientHarness(options: options, noTokens: true);
        var logins = 0;
        harness.Handler.Answer(r => r.Path switch
        {
            "/services/oauth2/token" => FakeSalesforceHandler.Token("pw-token-" + ++logins),
            _ when r.Bearer == "pw-token-1" && harness.Handler.RequestsTo("/limits").Count > 1 => FakeSalesforceHandler.InvalidSession(),
            _ => FakeSalesforceHandler.Json(HttpStatusCode.OK, Limits),
        });

        await harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken);
        await harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, logins);
        Assert.All(harness.Handler.RequestsTo("/oauth2/token"), r => Assert.Equal("pwTOK", Form.Parse(r.Body)["password"]));
        Assert.Equal(2, harness.Calls.Snapshot()[SalesforceEndpointKind.OAuth]);
    }

    [Fact]
    public async Task NoTokensAndNoPassword_FailsWithNotConnected()
    {
        using var harness = new ClientHarness(noTokens: true);
        var exception = await Assert.ThrowsAsync<SalesforceAuthException>(() => harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken));
        Assert.Equal("not_connected", exception.Error);
        Assert.Empty(harness.Handler.Requests);
    }
}
