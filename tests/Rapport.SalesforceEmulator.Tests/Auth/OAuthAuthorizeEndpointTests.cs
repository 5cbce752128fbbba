using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Rapport.SalesforceEmulator.Tests.Auth.Support;

namespace Rapport.SalesforceEmulator.Tests.Auth;

public sealed class OAuthAuthorizeEndpointTests
{
    private static string AuthorizeUrl(string clientId = TestOrg.ClientId, string redirectUri = TestOrg.CallbackUrl, string responseType = "code",
        string? state = "xyz 123", params (string Key, string Value)[] extra)
    {
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = responseType,
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
        };
        if (state is not null)
        {
            query["state"] = state;
        }
        foreach (var (key, value) in extra)
        {
            query[key] = value;
        }
        return QueryHelpers.AddQueryString("/services/oauth2/authorize", query);
    }

    private static Dictionary<string, string> LoginForm(string username = TestOrg.Username, string password = TestOrg.Password, string action = "allow",
        string? state = "xyz 123", string? codeChallenge = null)
    {
        var form = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = TestOrg.ClientId,
            ["redirect_uri"] = TestOrg.CallbackUrl,
            ["username"] = username,
            ["password"] = password,
            ["action"] = action,
        };
        if (state is not null)
        {
            form["state"] = state;
        }
        if (codeChallenge is not null)
        {
            form["code_challenge"] = codeChallenge;
            form["code_challenge_method"] = "S256";
        }
        return form;
    }

    [Fact]
    public async Task Get_ValidRequest_ShowsLoginAndAllowPage()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.Client.GetAsync(AuthorizeUrl(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("name=\"password\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"allow\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"xyz 123\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CorrectLogin_RedirectsToCallbackWithCodeAndState()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.PostLoginAsync(LoginForm());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var callback = AuthTestHost.Callback(response);
        Assert.False(string.IsNullOrEmpty(callback["code"]));
        Assert.Equal("xyz 123", callback["state"]);
    }

    [Fact]
    public async Task Post_WrongPassword_ShowsPageAgainWithLoginError()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.PostLoginAsync(LoginForm(password: "wrong"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Please check your username and password.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_InactiveUser_CannotLogIn()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.PostLoginAsync(LoginForm(username: TestOrg.InactiveUsername));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Post_Deny_RedirectsWithAccessDeniedAndState()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.PostLoginAsync(LoginForm(action: "deny"));

        var callback = AuthTestHost.Callback(response);
        Assert.Equal("access_denied", callback["error"]);
        Assert.Equal("end-user denied authorization", callback["error_description"]);
        Assert.Equal("xyz 123", callback["state"]);
    }

    [Fact]
    public async Task Get_UnknownClientId_ShowsErrorPageWithoutRedirect()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.Client.GetAsync(AuthorizeUrl(clientId: "unknown"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("error=invalid_client_id&amp;error_description=client identifier invalid", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/oauth/salesforce/callback/")]
    [InlineData("http://localhost:5080/oauth/salesforce/callback")]
    [InlineData("https://evil.example.com/callback")]
    public async Task Get_RedirectUriNotExactlyRegistered_ShowsRedirectUriMismatchPage(string redirectUri)
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.Client.GetAsync(AuthorizeUrl(redirectUri: redirectUri), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("error=redirect_uri_mismatch", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnsupportedResponseType_RedirectsWithErrorAndState()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.Client.GetAsync(AuthorizeUrl(responseType: "token"), TestContext.Current.CancellationToken);

        var callback = AuthTestHost.Callback(response);
        Assert.Equal("unsupported_response_type", callback["error"]);
        Assert.Equal("xyz 123", callback["state"]);
    }

    [Fact]
    public async Task Get_PlainCodeChallengeMethod_RedirectsWithInvalidRequest()
    {
        await using var host = await AuthTestHost.StartAsync();
        var (_, challenge) = AuthTestHost.NewPkcePair();

        using var response = await host.Client.GetAsync(
            AuthorizeUrl(extra: [("code_challenge", challenge), ("code_challenge_method", "plain")]), TestContext.Current.CancellationToken);

        Assert.Equal("invalid_request", AuthTestHost.Callback(response)["error"]);
    }

    [Fact]
    public async Task Get_ScopeTheAppDoesNotGrant_RedirectsWithInvalidScope()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.Client.GetAsync(AuthorizeUrl(extra: [("scope", "api chatter_api")]), TestContext.Current.CancellationToken);

        Assert.Equal("invalid_scope", AuthTestHost.Callback(response)["error"]);
    }

    [Fact]
    public async Task Get_AutoApproveAppWithLoginHint_RedirectsStraightBackWithCode()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.Client.GetAsync(
            AuthorizeUrl(clientId: TestOrg.AutoClientId, extra: [("login_hint", TestOrg.Username)]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var callback = AuthTestHost.Callback(response);
        Assert.False(string.IsNullOrEmpty(callback["code"]));
        Assert.Equal("xyz 123", callback["state"]);
    }

    [Fact]
    public async Task Get_AutoApproveAppWithoutKnownUser_ShowsLoginPage()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.Client.GetAsync(AuthorizeUrl(clientId: TestOrg.AutoClientId), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_AutoApproveAfterOneBrowserLogin_RedirectsStraightBack()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var login = await host.PostLoginAsync(LoginForm());
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        using var request = new HttpRequestMessage(HttpMethod.Get, AuthorizeUrl(clientId: TestOrg.AutoClientId));
        request.Headers.Add("Cookie", cookie);
        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(AuthTestHost.Callback(response).ContainsKey("code"));
    }

    [Fact]
    public async Task Get_AutoLoginUsernameInConfig_RedirectsStraightBack()
    {
        await using var host = await AuthTestHost.StartAsync(TestOrg.Create(autoLoginUsername: TestOrg.Username));

        using var response = await host.Client.GetAsync(AuthorizeUrl(clientId: TestOrg.AutoClientId), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(AuthTestHost.Callback(response).ContainsKey("code"));
    }

    [Fact]
    public async Task Get_PromptLogin_ShowsLoginPageEvenForAutoApprove()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.Client.GetAsync(
            AuthorizeUrl(clientId: TestOrg.AutoClientId, extra: [("login_hint", TestOrg.Username), ("prompt", "login")]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AuthorizationCodeGrant_CodeFromLogin_ReturnsAccessAndRefreshToken()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var login = await host.PostLoginAsync(LoginForm());
        var code = AuthTestHost.Callback(login)["code"];

        var result = await host.TokenAsync(("grant_type", "authorization_code"), ("code", code), ("client_id", TestOrg.ClientId),
            ("client_secret", TestOrg.ClientSecret), ("redirect_uri", TestOrg.CallbackUrl));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.False(string.IsNullOrEmpty(result.RefreshToken));
        Assert.Contains("refresh_token", result.Body.GetProperty("scope").GetString()!, StringComparison.Ordinal);
        using var ping = await host.PingAsync(result.AccessToken);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
    }

    [Fact]
    public async Task AuthorizationCodeGrant_ScopeWithoutRefreshToken_IssuesNoRefreshToken()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var authorize = await host.Client.GetAsync(
            AuthorizeUrl(clientId: TestOrg.AutoClientId, extra: [("login_hint", TestOrg.Username), ("scope", "api")]), TestContext.Current.CancellationToken);
        var code = AuthTestHost.Callback(authorize)["code"];

        var result = await host.TokenAsync(("grant_type", "authorization_code"), ("code", code), ("client_id", TestOrg.AutoClientId),
            ("client_secret", TestOrg.AutoClientSecret), ("redirect_uri", TestOrg.CallbackUrl));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("api", result.Body.GetProperty("scope").GetString());
        Assert.Null(result.RefreshToken);
    }

    [Fact]
    public async Task AuthorizationCodeGrant_CodeUsedTwice_SecondFailsWithInvalidGrant()
    {
        await using var host = await AuthTestHost.StartAsync();
        var code = await host.AutoApprovedCodeAsync();
        (string, string)[] form = [("grant_type", "authorization_code"), ("code", code), ("client_id", TestOrg.AutoClientId),
            ("client_secret", TestOrg.AutoClientSecret), ("redirect_uri", TestOrg.CallbackUrl)];

        var first = await host.TokenAsync(form);
        var second = await host.TokenAsync(form);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal("invalid_grant", second.Error);
        Assert.Equal("invalid authorization code", second.ErrorDescription);
    }

    [Fact]
    public async Task AuthorizationCodeGrant_CodeOlderThan15Minutes_FailsWithExpiredCode()
    {
        await using var host = await AuthTestHost.StartAsync();
        var code = await host.AutoApprovedCodeAsync();
        host.Time.Advance(TimeSpan.FromMinutes(16));

        var result = await host.TokenAsync(("grant_type", "authorization_code"), ("code", code), ("client_id", TestOrg.AutoClientId),
            ("client_secret", TestOrg.AutoClientSecret), ("redirect_uri", TestOrg.CallbackUrl));

        Assert.Equal("invalid_grant", result.Error);
        Assert.Equal("expired authorization code", result.ErrorDescription);
    }

    [Fact]
    public async Task AuthorizationCodeGrant_DifferentRedirectUri_FailsWithRedirectUriMismatch()
    {
        await using var host = await AuthTestHost.StartAsync();
        var code = await host.AutoApprovedCodeAsync();

        var result = await host.TokenAsync(("grant_type", "authorization_code"), ("code", code), ("client_id", TestOrg.AutoClientId),
            ("client_secret", TestOrg.AutoClientSecret), ("redirect_uri", "http://127.0.0.1:5080/other"));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("redirect_uri_mismatch", result.Error);
    }

    [Fact]
    public async Task AuthorizationCodeGrant_CodeIssuedToAnotherClient_FailsWithInvalidGrant()
    {
        await using var host = await AuthTestHost.StartAsync();
        var code = await host.AutoApprovedCodeAsync();

        var result = await host.TokenAsync(("grant_type", "authorization_code"), ("code", code), ("client_id", TestOrg.ClientId),
            ("client_secret", TestOrg.ClientSecret), ("redirect_uri", TestOrg.CallbackUrl));

        Assert.Equal("invalid_grant", result.Error);
    }

    [Fact]
    public async Task AuthorizationCodeGrant_SecretRequiredButMissing_FailsWithInvalidClient()
    {
        await using var host = await AuthTestHost.StartAsync();
        var code = await host.AutoApprovedCodeAsync();

        var result = await host.TokenAsync(("grant_type", "authorization_code"), ("code", code), ("client_id", TestOrg.AutoClientId),
            ("redirect_uri", TestOrg.CallbackUrl));

        Assert.Equal("invalid_client", result.Error);
        Assert.Equal("invalid client credentials", result.ErrorDescription);
    }

    [Fact]
    public async Task Pkce_CorrectVerifier_ExchangesCode()
    {
        await using var host = await AuthTestHost.StartAsync();
        var (verifier, challenge) = AuthTestHost.NewPkcePair();
        using var login = await host.PostLoginAsync(LoginForm(codeChallenge: challenge));
        var code = AuthTestHost.Callback(login)["code"];

        var result = await host.TokenAsync(("grant_type", "authorization_code"), ("code", code), ("client_id", TestOrg.ClientId),
            ("client_secret", TestOrg.ClientSecret), ("redirect_uri", TestOrg.CallbackUrl), ("code_verifier", verifier));

        Assert.Equal(HttpStatusCode.OK, result.Status);
    }

    [Fact]
    public async Task Pkce_WrongVerifier_FailsWithInvalidCodeVerifier()
    {
        await using var host = await AuthTestHost.StartAsync();
        var (_, challenge) = AuthTestHost.NewPkcePair();
        var (otherVerifier, _) = AuthTestHost.NewPkcePair();
        var code = await host.AutoApprovedCodeAsync(challenge);

        var result = await host.TokenAsync(("grant_type", "authorization_code"), ("code", code), ("client_id", TestOrg.AutoClientId),
            ("client_secret", TestOrg.AutoClientSecret), ("redirect_uri", TestOrg.CallbackUrl), ("code_verifier", otherVerifier));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("invalid_grant", result.Error);
        Assert.Equal("invalid code verifier", result.ErrorDescription);
    }

    [Fact]
    public async Task Pkce_MissingVerifier_FailsWithInvalidCodeVerifier()
    {
        await using var host = await AuthTestHost.StartAsync();
        var (_, challenge) = AuthTestHost.NewPkcePair();
        var code = await host.AutoApprovedCodeAsync(challenge);

        var result = await host.TokenAsync(("grant_type", "authorization_code"), ("code", code), ("client_id", TestOrg.AutoClientId),
            ("client_secret", TestOrg.AutoClientSecret), ("redirect_uri", TestOrg.CallbackUrl));

        Assert.Equal("invalid_grant", result.Error);
        Assert.Equal("invalid code verifier", result.ErrorDescription);
    }

    [Fact]
    public async Task Pkce_PublicClientWithoutSecret_ExchangesCodeWithVerifier()
    {
        await using var host = await AuthTestHost.StartAsync();
        var (verifier, challenge) = AuthTestHost.NewPkcePair();
        var form = LoginForm(codeChallenge: challenge);
        form["client_id"] = TestOrg.PublicClientId;
        using var login = await host.PostLoginAsync(form);
        var code = AuthTestHost.Callback(login)["code"];

        var result = await host.TokenAsync(("grant_type", "authorization_code"), ("code", code), ("client_id", TestOrg.PublicClientId),
            ("redirect_uri", TestOrg.CallbackUrl), ("code_verifier", verifier));

        Assert.Equal(HttpStatusCode.OK, result.Status);
    }
}
