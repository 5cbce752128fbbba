using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Sync;
using Rapport.Sync.Connectors;

namespace Rapport.Salesforce.Tests.Sync;

/// <summary>Whole-call failures reach the engine as <see cref="CrmException"/> of the right kind, with a remedy.</summary>
public sealed class SalesforceFailureTests : ConnectorTestBase
{
    private async Task<(SalesforceConnector Connector, InMemorySalesforceTokenStore Store)> WebConnectorAsync()
    {
        var store = new InMemorySalesforceTokenStore(await Host.WebServerLoginAsync());
        return (new SalesforceConnector(Host.Factory.Create(Host.WebOptions, store), TimeProvider.System, FastRetries), store);
    }

    [Fact]
    public async Task ReadAsync_DailyLimitUsedUp_ThrowsRequestLimitExceededWithRemedy()
    {
        await Host.ControlPutAsync("/__emulator/limits", new { dailyApiRequests = 100, used = 100 });

        var error = await Assert.ThrowsAsync<CrmException>(() => ReadAllAsync(Contacts("Email")));

        Assert.Equal(CrmFailureKind.RequestLimitExceeded, error.Kind);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", error.ErrorCode);
        Assert.Contains("resumes where it stopped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ServerUnavailable_ThrowsTransient()
    {
        await ReadAllAsync(Contacts("Email"));
        await Host.ControlPutAsync("/__emulator/faults", new { unavailableRate = 1.0 });

        var error = await Assert.ThrowsAsync<CrmException>(() => ReadAllAsync(Contacts("Email")));

        Assert.Equal(CrmFailureKind.Transient, error.Kind);
        Assert.Equal("SERVER_UNAVAILABLE", error.ErrorCode);
    }

    [Fact]
    public async Task ReadAsync_SessionExpired_RefreshesReplaysAndReads()
    {
        var (connector, store) = await WebConnectorAsync();
        using var _ = connector;
        await CreateContactAsync("Still readable");
        var before = store.Current!.AccessToken;
        await Host.ControlAsync("/__emulator/sessions/expire");

        var records = await ReadAllAsync(connector, Contacts("LastName"));

        Assert.Equal("Still readable", Assert.Single(records).Get("LastName"));
        Assert.NotEqual(before, store.Current!.AccessToken);
        Assert.Equal(1, connector.ApiCalls()["oauth"]);
    }

    [Fact]
    public async Task ReadAsync_RefreshTokenRevoked_ThrowsAuthenticationFailedAskingToReconnect()
    {
        var (connector, _) = await WebConnectorAsync();
        using var __ = connector;
        await Host.ControlAsync("/__emulator/refresh-tokens/revoke");
        await Host.ControlAsync("/__emulator/sessions/expire");

        var error = await Assert.ThrowsAsync<CrmException>(() => ReadAllAsync(connector, Contacts("LastName")));

        Assert.Equal(CrmFailureKind.AuthenticationFailed, error.Kind);
        Assert.Equal("invalid_grant", error.ErrorCode);
        Assert.Contains("Reconnect", error.Message, StringComparison.Ordinal);
        Assert.Contains("Refresh Token Policy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_UserDeactivated_ThrowsAuthenticationFailedAskingToReactivate()
    {
        var (connector, _) = await WebConnectorAsync();
        using var __ = connector;
        await Host.ControlAsync($"/__emulator/users/{Uri.EscapeDataString(Support.EmulatorHost.Username)}/deactivate");
        await Host.ControlAsync("/__emulator/sessions/expire");

        var error = await Assert.ThrowsAsync<CrmException>(() => ReadAllAsync(connector, Contacts("LastName")));

        Assert.Equal(CrmFailureKind.AuthenticationFailed, error.Kind);
        Assert.Contains("Reactivate the integration user", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiCalls_AfterReadAndWrite_AreCountedByEndpointWithRemainingCalls()
    {
        var id = await CreateContactAsync("Counted");

        await ReadAllAsync(Contacts("LastName"));
        await Connector.Writer.UpdateAsync("Contact", [new CrmRecordUpdate(id, new Dictionary<string, object?> { ["Title"] = "x" })], false, Ct);

        var calls = Connector.ApiCalls();
        Assert.Equal(1, calls["query"]);
        Assert.Equal(1, calls["collections"]);
        Assert.Equal(1, calls["describe"]);
        Assert.NotNull(Connector.RemainingApiCalls);
        Assert.True(Connector.RemainingApiCalls > 0);
    }

    private static async Task<List<Rapport.Sync.Matching.CrmRecord>> ReadAllAsync(SalesforceConnector connector, CrmReadRequest request)
    {
        var records = new List<Rapport.Sync.Matching.CrmRecord>();
        await foreach (var page in connector.Reader.ReadAsync(request, Ct))
        {
            records.AddRange(page);
        }
        return records;
    }
}
