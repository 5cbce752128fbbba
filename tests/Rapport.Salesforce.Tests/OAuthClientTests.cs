using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Buffers.Text;
using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Tests.Support;

namespace Rapport.Salesforce.Tests;

public class OAuthClientTests
{
    private static readonly SalesforceConnectionOptions Options = new()
    {
        ConsumerKey = "3MVG9key",
        ConsumerSecret = "secret",
        LoginUrl = SalesforceLoginHosts.Sandbox,
        Username = "int@example.com",
        Password = "Passw0rd!",
        SecurityToken = "TOKEN123",
    };

    private static readonly Uri Callback = new("https://rapport.example.com/oauth/salesforce/callback");

    [Fact]
    public void BeginAuthorization_Url_CarriesStateAndS256ChallengeOfTheVerifier()
    {
        var start = SalesforceOAuthClient.BeginAuthorization(Options, Callback, scope: "api refresh_token");
        Assert.Equal("https://test.salesforce.com/services/oauth2/authorize", start.Url.GetLeftPart(UriPartial.Path));
        var query = Form.Parse(start.Url.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("3MVG9key", query["client_id"]);
        Assert.Equal(Callback.ToString(), query["redirect_uri"]);
        Assert.Equal(start.State, query["state"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("api refresh_token", query["scope"]);
        var expected = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(start.CodeVerifier)));
        Assert.Equal(expected, query["code_challenge"]);
        Assert.InRange(start.CodeVerifier.Length, 43, 128);
        Assert.NotEqual(start.State, SalesforceOAuthClient.BeginAuthorization(Options, Callback).State);
    }

    [Fact]
    public void ReadCallback_StateMismatch_IsRefused()
    {
        var exception = Assert.Throws<SalesforceAuthException>(() => SalesforceOAuthClient.ReadCallback("code", "forged", null, null, "expected"));
        Assert.Equal("invalid_state", exception.Error);
        Assert.Equal("c0de", SalesforceOAuthClient.ReadCallback("c0de", "expected", null, null, "expected"));
    }

    [Fact]
    public void ReadCallback_ErrorFromSalesforce_IsTyped()
    {
        var exception = Assert.Throws<SalesforceAuthException>(() => SalesforceOAuthClient.ReadCallback(null, "s", "access_denied", "end-user denied authorization", "s"));
        Assert.Equal("access_denied", exception.Error);
        Assert.Equal("end-user denied authorization", exception.ErrorDescription);
    }

    [Fact]
    public async Task ExchangeCode_PostsAuthorizationCodeGrantWithVerifier()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(_ => FakeSalesforceHandler.Token("access-a", "refresh-a"));
        var oauth = harness.Factory.CreateOAuthClient();

        var tokens = await oauth.ExchangeCodeAsync(Options with { ConsumerSecret = null }, "the-code", Callback, "the-verifier", TestContext.Current.CancellationToken);

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal("https://test.salesforce.com/services/oauth2/token", request.Uri.ToString());
        var form = Form.Parse(request.Body);
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal("the-code", form["code"]);
        Assert.Equal("the-verifier", form["code_verifier"]);
        Assert.Equal(Callback.ToString(), form["redirect_uri"]);
        Assert.False(form.ContainsKey("client_secret"));
        Assert.Equal("access-a", tokens.AccessToken);
        Assert.Equal("refresh-a", tokens.RefreshToken);
        Assert.Equal(new Uri(ClientHarness.Instance), tokens.InstanceUrl);
        Assert.Equal("00Dxx0000000001EAA", tokens.OrganizationId);
        Assert.Equal("005xx0000000001AAA", tokens.UserId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1735689600000), tokens.IssuedAt);
    }

    [Fact]
    public async Task LoginWithPassword_AppendsSecurityTokenToPassword()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(_ => FakeSalesforceHandler.Token("access-p"));
        var tokens = await harness.Factory.CreateOAuthClient().LoginWithPasswordAsync(Options with { ConsumerSecret = null }, TestContext.Current.CancellationToken);
        var form = Form.Parse(Assert.Single(harness.Handler.Requests).Body);
        Assert.Equal("password", form["grant_type"]);
        Assert.Equal("int@example.com", form["username"]);
        Assert.Equal("Passw0rd!TOKEN123", form["password"]);
        Assert.Null(tokens.RefreshToken);
    }

    [Fact]
    public async Task Refresh_ResponseWithoutRefreshToken_KeepsTheOldOne()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(_ => FakeSalesforceHandler.Token("access-2"));
        var tokens = await harness.Factory.CreateOAuthClient().RefreshAsync(Options with { ConsumerSecret = null }, ClientHarness.Tokens("access-1", "refresh-1"), TestContext.Current.CancellationToken);
        var form = Form.Parse(Assert.Single(harness.Handler.Requests).Body);
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal("refresh-1", form["refresh_token"]);
        Assert.Equal("access-2", tokens.AccessToken);
        Assert.Equal("refresh-1", tokens.RefreshToken);
    }

    [Theory]
    [InlineData("invalid_grant", "expired access/refresh token", nameof(SalesforceAuthException.IsRefreshTokenExpired))]
    [InlineData("invalid_grant", "inactive user", nameof(SalesforceAuthException.IsInactiveUser))]
    [InlineData("invalid_grant", "authentication failure", nameof(SalesforceAuthException.IsAuthenticationFailure))]
    [InlineData("invalid_client_id", "client identifier invalid", nameof(SalesforceAuthException.IsInvalidClient))]
    public async Task TokenErrors_AreParsedIntoTypedException(string error, string description, string flag)
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(_ => FakeSalesforceHandler.Json(HttpStatusCode.BadRequest, $$"""{"error":"{{error}}","error_description":"{{description}}"}"""));
        var exception = await Assert.ThrowsAsync<SalesforceAuthException>(() =>
            harness.Factory.CreateOAuthClient().LoginWithPasswordAsync(Options, TestContext.Current.CancellationToken));
        Assert.Equal(error, exception.Error);
        Assert.Equal(description, exception.ErrorDescription);
        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.True((bool)typeof(SalesforceAuthException).GetProperty(flag)!.GetValue(exception)!);
    }

    [Fact]
    public async Task TokenResponse_WithWrongSignature_IsRejected()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(_ => FakeSalesforceHandler.Json(HttpStatusCode.OK,
            """{"access_token":"a","instance_url":"https://x.my.salesforce.com","id":"https://login.salesforce.com/id/00D/005","issued_at":"1","signature":"AAAA"}"""));
        var exception = await Assert.ThrowsAsync<SalesforceAuthException>(() =>
            harness.Factory.CreateOAuthClient().LoginWithPasswordAsync(Options, TestContext.Current.CancellationToken));
        Assert.Equal("invalid_signature", exception.Error);
    }

    [Fact]
    public async Task Revoke_PostsTheToken()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(_ => new HttpResponseMessage(HttpStatusCode.OK));
        await harness.Factory.CreateOAuthClient().RevokeAsync(Options, "refresh-x", TestContext.Current.CancellationToken);
        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal("/services/oauth2/revoke", request.Path);
        Assert.Equal("refresh-x", Form.Parse(request.Body)["token"]);
    }

    [Theory]
    [InlineData(null, false, "https://login.salesforce.com/")]
    [InlineData("", true, "https://test.salesforce.com/")]
    [InlineData("acme.my.salesforce.com", true, "https://acme.my.salesforce.com/")]
    [InlineData("http://127.0.0.1:5080", false, "http://127.0.0.1:5080/")]
    public void LoginHosts_Resolve_CustomHostWinsOverSandboxSwitch(string? host, bool sandbox, string expected) =>
        Assert.Equal(expected, SalesforceLoginHosts.Resolve(host, sandbox).ToString());
}
