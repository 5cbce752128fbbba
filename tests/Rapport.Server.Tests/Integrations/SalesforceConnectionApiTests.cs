using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data.Entities;
using Rapport.Server.Integrations;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Integrations;

/// <summary>The Salesforce connection admin API and OAuth callback, against the emulator over loopback, run on each database by the derived classes.</summary>
public abstract class SalesforceConnectionApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : SalesforceConnectionFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Admin => fixture.Rapport.Admin;

    private static string Path(string datasetId, string? action = null) => SalesforceConnectionFixture.Path(datasetId, action);

    [Fact]
    public async Task Get_NotConfigured_ShowsCallbackUrlToPasteIntoTheConnectedApp()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();

        var body = await fixture.Rapport.GetJsonAsync(Path(dataset.Id));

        Assert.False(body.GetProperty("configured").GetBoolean());
        Assert.Equal(SalesforceConnectionFixture.Callback, body.GetProperty("callbackUrl").GetString());
    }

    [Fact]
    public async Task WebServerFlow_AuthorizeApproveCallback_StoresTokensAndIdentityAndStaysPaused()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();

        await fixture.ConnectWithWebServerFlowAsync(datasetId);

        var body = await fixture.Rapport.GetJsonAsync(Path(datasetId));
        Assert.True(body.GetProperty("connected").GetBoolean());
        Assert.Equal("paused", body.GetProperty("state").GetString());
        Assert.Equal("webServer", body.GetProperty("authFlow").GetString());
        Assert.Equal(SalesforceConnectionFixture.Username, body.GetProperty("username").GetString());
        Assert.StartsWith("00D", body.GetProperty("organizationId").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("005", body.GetProperty("userId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_BrowserLink_RedirectsToSalesforceAuthorizePage()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();

        using var response = await Admin.GetAsync(Path(datasetId, "connect"), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(fixture.EmulatorUrl.ToString().TrimEnd('/') + "/services/oauth2/authorize", location.ToString(), StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", location.Query, StringComparison.Ordinal);
        using var page = await fixture.FollowToRapportAsync(await fixture.ApproveAsync(location));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Salesforce connected", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordLogin_IntegrationUser_ConnectsAndChecks()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();

        using var response = await Admin.PostAsJsonAsync(Path(datasetId, "password-login"), new
        {
            username = SalesforceConnectionFixture.Username, password = SalesforceConnectionFixture.Password, securityToken = SalesforceConnectionFixture.SecurityToken,
        }, Ct);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("password", body.GetProperty("authFlow").GetString());
        Assert.True(body.GetProperty("connected").GetBoolean());
        Assert.Equal(SalesforceConnectionFixture.Username, body.GetProperty("username").GetString());
        using var check = await Admin.PostAsync(Path(datasetId, "check"), null, Ct);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
    }

    [Fact]
    public async Task PasswordLogin_SessionExpired_CheckLogsInAgain()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        using (var login = await Admin.PostAsJsonAsync(Path(datasetId, "password-login"), new
        {
            username = SalesforceConnectionFixture.Username, password = SalesforceConnectionFixture.Password, securityToken = SalesforceConnectionFixture.SecurityToken,
        }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        var protector = fixture.Rapport.Services.GetRequiredService<SalesforceSecretProtector>();
        var before = protector.Unprotect((await fixture.RowAsync(datasetId)).AccessTokenProtected);
        await fixture.ControlAsync("/__emulator/sessions/expire");

        using var check = await Admin.PostAsync(Path(datasetId, "check"), null, Ct);

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.NotEqual(before, protector.Unprotect((await fixture.RowAsync(datasetId)).AccessTokenProtected));
    }

    [Fact]
    public async Task PasswordLogin_WrongSecurityToken_IsProblemWithRemedy()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();

        using var response = await Admin.PostAsJsonAsync(Path(datasetId, "password-login"), new
        {
            username = SalesforceConnectionFixture.Username, password = SalesforceConnectionFixture.Password, securityToken = "WRONG",
        }, Ct);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("authentication_failure", problem.GetProperty("failure").GetString());
        Assert.Contains("security token", problem.GetProperty("remedy").GetString(), StringComparison.Ordinal);
        var row = await fixture.RowAsync(datasetId);
        Assert.Null(row.PasswordProtected);
        Assert.False(row.LastCheckSucceeded);
    }

    [Fact]
    public async Task Check_Connected_ShowsOrgUserApiVersionAndRemainingCalls()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        await fixture.ConnectWithWebServerFlowAsync(datasetId);

        using var response = await Admin.PostAsync(Path(datasetId, "check"), null, Ct);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.StartsWith("00D", body.GetProperty("organizationId").GetString(), StringComparison.Ordinal);
        Assert.Equal(SalesforceConnectionFixture.Username, body.GetProperty("username").GetString());
        Assert.Equal("v62.0", body.GetProperty("apiVersion").GetString());
        var max = body.GetProperty("dailyApiRequestsMax").GetInt64();
        var remaining = body.GetProperty("dailyApiRequestsRemaining").GetInt64();
        Assert.True(max > 0 && remaining > 0 && remaining <= max, body.ToString());
        Assert.True(body.GetProperty("limitInfoMax").GetInt64() > 0, "Sforce-Limit-Info was not read: " + body);
        var connection = await fixture.Rapport.GetJsonAsync(Path(datasetId));
        Assert.True(connection.GetProperty("lastCheck").GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public async Task Callback_StateMismatch_IsRejectedAndNothingStored()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        var callback = await fixture.ApproveAsync(await fixture.AuthorizeUrlAsync(datasetId));
        var forged = new Uri(System.Text.RegularExpressions.Regex.Replace(callback.ToString(), "state=[^&]+", "state=forged-state"));

        using var page = await fixture.FollowToRapportAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("does not belong to an authorization Rapport started", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null((await fixture.RowAsync(datasetId)).AccessTokenProtected);
    }

    [Fact]
    public async Task Callback_UsedTwice_SecondIsRejected()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        var callback = await fixture.ApproveAsync(await fixture.AuthorizeUrlAsync(datasetId));
        using (var first = await fixture.FollowToRapportAsync(callback))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await fixture.FollowToRapportAsync(callback);

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
    }

    [Fact]
    public async Task Callback_AccessDenied_ShowsWhatToDo()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        var callback = await fixture.DenyAsync(await fixture.AuthorizeUrlAsync(datasetId));
        Assert.Contains("error=access_denied", callback.Query, StringComparison.Ordinal);

        using var page = await fixture.FollowToRapportAsync(callback);

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Salesforce access denied", html, StringComparison.Ordinal);
        Assert.Contains("All users may self-authorize", html, StringComparison.Ordinal);
        var connection = await fixture.Rapport.GetJsonAsync(Path(datasetId));
        Assert.Equal("access_denied", connection.GetProperty("lastCheck").GetProperty("failure").GetString());
        Assert.False(connection.GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task Callback_AskedForJson_AnswersProblemDetails()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/salesforce/callback?code=x&state=nobody-issued-this");
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await fixture.Rapport.Client.SendAsync(request, Ct);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_state", problem.GetProperty("failure").GetString());
    }

    [Theory]
    [InlineData("""{"consumerSecret":"s"}""", "consumerKey")]
    [InlineData("""{"consumerKey":"has space","consumerSecret":"s"}""", "consumerKey")]
    [InlineData("""{"consumerKey":"k"}""", "consumerSecret")]
    [InlineData("""{"consumerKey":"k","consumerSecret":"s","loginHost":"not a host/at all"}""", "loginHost")]
    [InlineData("""{"consumerKey":"k","consumerSecret":"s","apiVersion":"latest"}""", "apiVersion")]
    public async Task PutSettings_Invalid_Is400ProblemNamingTheField(string json, string field)
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();

        using var response = await Admin.PutAsync(Path(dataset.Id), new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task PutSettings_Sandbox_UsesTestLoginHostAndKeepsTheRow()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        var before = await fixture.RowAsync(datasetId);

        using var response = await Admin.PutAsJsonAsync(Path(datasetId), new { sandbox = true, loginHost = "" }, Ct);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("https://test.salesforce.com", body.GetProperty("loginUrl").GetString());
        Assert.Equal(before.Id, (await fixture.RowAsync(datasetId)).Id);
        Assert.True(body.GetProperty("hasConsumerSecret").GetBoolean());
    }

    [Fact]
    public async Task States_PauseUnpauseDeactivate_FollowTheRules()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        using (var early = await Admin.PostAsync(Path(datasetId, "unpause"), null, Ct))
        {
            await Problem.AssertAsync(early, HttpStatusCode.Conflict);
        }
        await fixture.ConnectWithWebServerFlowAsync(datasetId);

        Assert.Equal("active", await StateAfterAsync(datasetId, "unpause"));
        Assert.Equal("paused", await StateAfterAsync(datasetId, "pause"));
        Assert.Equal("deactivated", await StateAfterAsync(datasetId, "deactivate"));

        var row = await fixture.RowAsync(datasetId);
        Assert.Null(row.RefreshTokenProtected);
        using (var check = await Admin.PostAsync(Path(datasetId, "check"), null, Ct))
        {
            var problem = await Problem.AssertAsync(check, HttpStatusCode.Conflict);
            Assert.Contains("Reconnect", problem.GetProperty("remedy").GetString(), StringComparison.Ordinal);
        }
        await fixture.ConnectWithWebServerFlowAsync(datasetId);
        Assert.Equal("paused", (await fixture.Rapport.GetJsonAsync(Path(datasetId))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Deactivate_RevokesTheRefreshTokenAtSalesforce()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        await fixture.ConnectWithWebServerFlowAsync(datasetId);
        var protector = fixture.Rapport.Services.GetRequiredService<SalesforceSecretProtector>();
        var refreshToken = protector.Unprotect((await fixture.RowAsync(datasetId)).RefreshTokenProtected)!;

        Assert.Equal("deactivated", await StateAfterAsync(datasetId, "deactivate"));

        using var refresh = await fixture.Browser.PostAsync(new Uri(fixture.EmulatorUrl, "/services/oauth2/token"), new FormUrlEncodedContent(
        [
            new("grant_type", "refresh_token"), new("refresh_token", refreshToken),
            new("client_id", SalesforceConnectionFixture.ConsumerKey), new("client_secret", SalesforceConnectionFixture.ConsumerSecret),
        ]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesTheConnection()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();

        using var response = await Admin.DeleteAsync(Path(datasetId), Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False((await fixture.Rapport.GetJsonAsync(Path(datasetId))).GetProperty("configured").GetBoolean());
    }

    [Fact]
    public async Task Secrets_NotReturnedByGetAndNotStoredInPlaintext()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        using (var login = await Admin.PostAsJsonAsync(Path(datasetId, "password-login"), new
        {
            username = SalesforceConnectionFixture.Username, password = SalesforceConnectionFixture.Password, securityToken = SalesforceConnectionFixture.SecurityToken,
        }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        var protector = fixture.Rapport.Services.GetRequiredService<SalesforceSecretProtector>();

        using var get = await Admin.GetAsync(Path(datasetId), Ct);
        var text = await get.Content.ReadAsStringAsync(Ct);
        var row = await fixture.RowAsync(datasetId);
        var accessToken = protector.Unprotect(row.AccessTokenProtected)!;

        foreach (var secret in new[] { SalesforceConnectionFixture.ConsumerSecret, SalesforceConnectionFixture.Password, SalesforceConnectionFixture.SecurityToken, accessToken })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, JsonSerializer.Serialize(row), StringComparison.Ordinal);
        }
        Assert.Equal(SalesforceConnectionFixture.ConsumerSecret, protector.Unprotect(row.ConsumerSecretProtected));
        Assert.Equal(SalesforceConnectionFixture.Password, protector.Unprotect(row.PasswordProtected));
        // The key ring is in the database, so another node can decrypt these.
        var contexts = fixture.Rapport.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Rapport.Data.RapportDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        Assert.NotEmpty(db.DataProtectionKeys);
    }

    [Fact]
    public async Task TokenRefresh_AfterSessionsExpire_IsPersistedEncrypted()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        await fixture.ConnectWithWebServerFlowAsync(datasetId);
        var protector = fixture.Rapport.Services.GetRequiredService<SalesforceSecretProtector>();
        var before = await fixture.RowAsync(datasetId);
        await fixture.ControlAsync("/__emulator/sessions/expire");

        using var check = await Admin.PostAsync(Path(datasetId, "check"), null, Ct);

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var after = await fixture.RowAsync(datasetId);
        Assert.NotEqual(protector.Unprotect(before.AccessTokenProtected), protector.Unprotect(after.AccessTokenProtected));
        // The connected app rotates refresh tokens: the new one must have been saved, or the next refresh fails.
        Assert.NotEqual(protector.Unprotect(before.RefreshTokenProtected), protector.Unprotect(after.RefreshTokenProtected));
        await fixture.ControlAsync("/__emulator/sessions/expire");
        using var again = await Admin.PostAsync(Path(datasetId, "check"), null, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Check_RevokedRefreshToken_SaysReconnect()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        await fixture.ConnectWithWebServerFlowAsync(datasetId);
        await fixture.ControlAsync("/__emulator/refresh-tokens/revoke");
        await fixture.ControlAsync("/__emulator/sessions/expire");

        using var check = await Admin.PostAsync(Path(datasetId, "check"), null, Ct);

        var problem = await Problem.AssertAsync(check, HttpStatusCode.Conflict);
        Assert.Equal("refresh_token_expired", problem.GetProperty("failure").GetString());
        Assert.StartsWith("Reconnect: establish the connection again", problem.GetProperty("remedy").GetString(), StringComparison.Ordinal);
        var connection = await fixture.Rapport.GetJsonAsync(Path(datasetId));
        Assert.Equal("refresh_token_expired", connection.GetProperty("lastCheck").GetProperty("failure").GetString());

        await fixture.ConnectWithWebServerFlowAsync(datasetId);
        using var recovered = await Admin.PostAsync(Path(datasetId, "check"), null, Ct);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task Check_LoginHostUnreachable_IsNetworkFailureNot500()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using (var put = await Admin.PutAsJsonAsync(Path(dataset.Id), new { consumerKey = "k", consumerSecret = "s", loginHost = "http://127.0.0.1:9" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using var response = await Admin.PostAsJsonAsync(Path(dataset.Id, "password-login"), new { username = "u@x.test", password = "p" }, Ct);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal("network_failure", problem.GetProperty("failure").GetString());
    }

    [Fact]
    public async Task Check_InactiveUser_SaysReactivateTheUser()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        await fixture.ConnectWithWebServerFlowAsync(datasetId);
        await fixture.ControlAsync($"/__emulator/users/{SalesforceConnectionFixture.Username}/deactivate");
        try
        {
            using var check = await Admin.PostAsync(Path(datasetId, "check"), null, Ct);

            var problem = await Problem.AssertAsync(check, HttpStatusCode.Conflict);
            Assert.Equal("inactive_user", problem.GetProperty("failure").GetString());
            Assert.Contains("Reactivate the integration user", problem.GetProperty("remedy").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await fixture.ControlAsync($"/__emulator/users/{SalesforceConnectionFixture.Username}/activate");
        }
    }

    [Fact]
    public async Task Check_UserWithoutApiPermission_IsInsufficientAccessWithRemedy()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        await fixture.ConnectWithWebServerFlowAsync(datasetId);
        using (var revoke = await fixture.Controls.DeleteAsync($"/__emulator/users/{SalesforceConnectionFixture.Username}/permissions/ApiEnabled", Ct))
        {
            revoke.EnsureSuccessStatusCode();
        }
        try
        {
            using var check = await Admin.PostAsync(Path(datasetId, "check"), null, Ct);

            var problem = await Problem.AssertAsync(check, HttpStatusCode.Conflict);
            Assert.Equal("insufficient_access", problem.GetProperty("failure").GetString());
            Assert.Contains("Modify All Data", problem.GetProperty("remedy").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            using var restore = await fixture.Controls.PutAsync($"/__emulator/users/{SalesforceConnectionFixture.Username}/permissions/ApiEnabled", null, Ct);
            restore.EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Check_DailyLimitUsedUp_IsRequestLimitExceededNot500()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        await fixture.ConnectWithWebServerFlowAsync(datasetId);
        using (var limit = await fixture.Controls.PutAsJsonAsync("/__emulator/limits", new { dailyApiRequests = 50, used = 50 }, Ct))
        {
            limit.EnsureSuccessStatusCode();
        }
        try
        {
            using var check = await Admin.PostAsync(Path(datasetId, "check"), null, Ct);

            var problem = await Problem.AssertAsync(check, HttpStatusCode.TooManyRequests);
            Assert.Equal("request_limit_exceeded", problem.GetProperty("failure").GetString());
            Assert.Contains("resumes", problem.GetProperty("remedy").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            using var reset = await fixture.Controls.PutAsJsonAsync("/__emulator/limits", new { dailyApiRequests = 100_000, used = 0 }, Ct);
            reset.EnsureSuccessStatusCode();
        }
    }

    private async Task<string?> StateAfterAsync(string datasetId, string action)
    {
        using var response = await Admin.PostAsync(Path(datasetId, action), null, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("state").GetString();
    }
}
