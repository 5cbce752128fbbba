using System.Net;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Tests.Auth.Support;

namespace Rapport.SalesforceEmulator.Tests.Auth;

public sealed class EmulatorConfigTests
{
    private const string IssueExample = """
        { "connectedApps": [ { "consumerKey": "key1", "consumerSecret": "secret1", "callbackUrls": ["http://127.0.0.1:5080/oauth/salesforce/callback"], "autoApprove": true } ],
          "users": [ { "username": "integration@example.com", "password": "pw", "securityToken": "tok", "active": true, "permissions": ["ApiEnabled", "ModifyAllData"] } ],
          "sessionTimeoutSeconds": 7200, "dailyApiRequests": 100000 }
        """;

    [Fact]
    public void Load_IssueExampleFile_ReadsAppsUsersAndLimits()
    {
        var path = Path.Combine(Path.GetTempPath(), $"emulator-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, IssueExample);
        try
        {
            var config = EmulatorConfig.Load(path);

            var app = Assert.Single(config.ConnectedApps);
            Assert.Equal("key1", app.ConsumerKey);
            Assert.True(app.AutoApprove);
            var user = Assert.Single(config.Users);
            Assert.Equal(["ApiEnabled", "ModifyAllData"], user.Permissions);
            Assert.Equal(7200, config.SessionTimeoutSeconds);
            Assert.Equal(100000, config.DailyApiRequests);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<EmulatorConfigException>(() => EmulatorConfig.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenJson_ThrowsWithLine()
    {
        var error = Assert.Throws<EmulatorConfigException>(() => EmulatorConfig.Parse("{\n  \"users\": [ ,\n]}", "org.json"));

        Assert.Contains("org.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongValueType_ThrowsNamingTheProperty()
    {
        var error = Assert.Throws<EmulatorConfigException>(() => EmulatorConfig.Parse(IssueExample.Replace("7200", "\"two hours\"", StringComparison.Ordinal)));

        Assert.Contains("sessionTimeoutSeconds", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"permissions\": [\"ApiEnabled\", \"ModifyAllData\"]", "\"permissions\": [\"ViewEverything\"]", "unknown permission 'ViewEverything'")]
    [InlineData("\"username\": \"integration@example.com\"", "\"username\": \"integration\"", "users[0].username must be in e-mail form")]
    [InlineData("\"consumerSecret\": \"secret1\"", "\"consumerSecret\": \"\"", "connectedApps[0].consumerSecret is missing")]
    [InlineData("\"callbackUrls\": [\"http://127.0.0.1:5080/oauth/salesforce/callback\"]", "\"callbackUrls\": [\"/callback\"]", "not an absolute URL")]
    [InlineData("\"dailyApiRequests\": 100000", "\"dailyApiRequests\": 0", "dailyApiRequests")]
    [InlineData("\"password\": \"pw\"", "\"password\": \"\"", "users[0].password is missing")]
    public void Parse_UnusableConfig_ThrowsNamingTheProblem(string original, string replacement, string expected)
    {
        var json = IssueExample.Replace(original, replacement, StringComparison.Ordinal);

        var error = Assert.Throws<EmulatorConfigException>(() => EmulatorConfig.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoUsers_Throws()
    {
        var error = Assert.Throws<EmulatorConfigException>(() => EmulatorConfig.Parse("""{ "connectedApps": [ { "consumerKey": "k", "consumerSecret": "s" } ] }"""));

        Assert.Contains("\"users\" must list at least one user", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateUsernamesInOtherCase_Throws()
    {
        var json = IssueExample.Replace(
            "\"users\": [ {",
            "\"users\": [ { \"username\": \"INTEGRATION@example.com\", \"password\": \"x\" }, {",
            StringComparison.Ordinal);

        var error = Assert.Throws<EmulatorConfigException>(() => EmulatorConfig.Parse(json));

        Assert.Contains("appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExtraFields_AreAccepted()
    {
        var json = IssueExample.Replace("\"active\": true", "\"active\": true, \"firstName\": \"Ada\", \"lastName\": \"Lovelace\", \"email\": \"ada@example.com\", \"comment\": \"ignored\"", StringComparison.Ordinal);

        var config = EmulatorConfig.Parse(json);

        Assert.Equal("Lovelace", config.Users[0].LastName);
    }

    [Fact]
    public async Task CreateDefault_PrintedCredentials_LogInWithPasswordGrant()
    {
        var config = EmulatorConfig.CreateDefault();
        var app = config.ConnectedApps[0];
        var user = config.Users[0];
        await using var host = await AuthTestHost.StartAsync(config);

        var result = await host.TokenAsync(("grant_type", "password"), ("client_id", app.ConsumerKey), ("client_secret", app.ConsumerSecret),
            ("username", user.Username), ("password", user.Password + user.SecurityToken));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var printed = config.DescribeCredentials();
        Assert.Contains(app.ConsumerKey, printed, StringComparison.Ordinal);
        Assert.Contains(user.SecurityToken, printed, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateDefault_TwoCalls_GenerateDifferentSecrets()
    {
        var first = EmulatorConfig.CreateDefault();
        var second = EmulatorConfig.CreateDefault();

        Assert.NotEqual(first.ConnectedApps[0].ConsumerSecret, second.ConnectedApps[0].ConsumerSecret);
        Assert.NotEqual(first.Users[0].Password, second.Users[0].Password);
    }
}
