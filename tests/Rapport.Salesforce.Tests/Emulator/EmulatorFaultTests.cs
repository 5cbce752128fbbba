using System.Text.Json;
using Rapport.Salesforce.Diagnostics;
using Rapport.Salesforce.Http;
using Rapport.Salesforce.Tests.Support;

namespace Rapport.Salesforce.Tests.Emulator;

/// <summary>Retry rules and limit errors against the emulator's injected faults, over loopback HTTP.</summary>
public sealed class EmulatorFaultTests : IAsyncLifetime
{
    private EmulatorHost _host = null!;
    private SalesforceClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await EmulatorHost.StartAsync();
        _client = _host.PasswordClient();
        await _client.GetLimitsAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ServerUnavailable_GetIsRetriedButCreateIsSentOnce()
    {
        await _host.ControlPutAsync("/__emulator/faults", new { unavailableRate = 1.0, seed = 7 });
        var before = await _host.JournalTotalAsync();

        var query = await Assert.ThrowsAsync<SalesforceApiException>(() => _client.DescribeAsync("Account", TestContext.Current.CancellationToken));
        var afterGet = await _host.JournalTotalAsync();
        var create = await Assert.ThrowsAsync<SalesforceApiException>(() =>
            _client.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Once" }, TestContext.Current.CancellationToken));
        var afterPost = await _host.JournalTotalAsync();

        Assert.True(query.IsTransient);
        Assert.True(create.IsTransient);
        Assert.Equal(4, afterGet - before);
        Assert.Equal(1, afterPost - afterGet);
    }

    [Fact]
    public async Task LockedRows_CollectionUpsertIsRetriedUntilItSucceeds()
    {
        await _client.Tooling.CreateCustomFieldAsync(new Tooling.CustomFieldDefinition
        {
            FullName = "Contact.Rapport_Key__c", Label = "Rapport Key", Type = "Text", Length = 40, ExternalId = true,
        }, TestContext.Current.CancellationToken);
        var tokens = await _client.GetTokensAsync(TestContext.Current.CancellationToken);
        var permissionSet = await _client.Tooling.FindProfilePermissionSetIdAsync(tokens.UserId!, TestContext.Current.CancellationToken);
        await _client.Tooling.UpsertFieldPermissionsAsync(permissionSet!, "Contact", "Rapport_Key__c", true, true, TestContext.Current.CancellationToken);
        await _host.ControlPutAsync("/__emulator/faults", new { lockRowRate = 0.5, seed = 3 });

        var records = Enumerable.Range(0, 6)
            .Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["Rapport_Key__c"] = $"k{i}", ["LastName"] = $"Locked {i}" })
            .ToList();
        var results = new List<Rest.SaveResult>();
        foreach (var record in records)
        {
            results.AddRange(await _client.Collections.UpsertAsync("Contact", "Rapport_Key__c", [record], TestContext.Current.CancellationToken));
        }

        Assert.All(results, r => Assert.True(r.Success));
        Assert.True(_client.Calls.Snapshot()[SalesforceEndpointKind.Collections] > records.Count, "some upserts should have needed a retry");
    }

    [Fact]
    public async Task DailyLimitReached_SurfacesAsRequestLimitExceeded()
    {
        await _host.ControlPutAsync("/__emulator/limits", new { dailyApiRequests = 100, used = 100 });

        var exception = await Assert.ThrowsAsync<SalesforceApiException>(async () =>
        {
            await foreach (var _ in _client.QueryAsync<JsonElement>("SELECT Id FROM Contact", cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.True(exception.IsRequestLimitExceeded);
        Assert.False(exception.IsTransient);
    }
}
