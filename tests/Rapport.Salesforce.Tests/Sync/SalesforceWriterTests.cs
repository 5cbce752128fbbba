using Rapport.Salesforce.Sync;
using Rapport.Sync.Connectors;

namespace Rapport.Salesforce.Tests.Sync;

/// <summary>Push writes against the emulator: Collections batching, partial failures, Bulk API, lock retries, creates.</summary>
public sealed class SalesforceWriterTests : ConnectorTestBase
{
    private async Task<List<string>> SeedContactsAsync(int count)
    {
        await Host.ControlAsync("/__emulator/data/seed", new { contacts = count, accounts = 5, leads = 0, opportunities = 0 });
        return (await QueryAsync("SELECT Id FROM Contact ORDER BY Id")).Select(r => r.GetProperty("Id").GetString()!).ToList();
    }

    private static List<CrmRecordUpdate> Titles(IEnumerable<string> ids, string prefix) =>
        ids.Select((id, i) => new CrmRecordUpdate(id, new Dictionary<string, object?> { ["Title"] = $"{prefix} {i}" })).ToList();

    [Fact]
    public async Task UpdateAsync_1000Records_Uses5CollectionsCallsAndWritesEveryValue()
    {
        // The seed deletes a few of its contacts, so seed more and take 1,000 live ones.
        var ids = (await SeedContactsAsync(1100)).Take(1000).ToList();

        var results = await Connector.Writer.UpdateAsync("Contact", Titles(ids, "VP"), bulk: false, Ct);

        Assert.Equal(1000, results.Count);
        Assert.All(results, r => Assert.True(r.Success));
        Assert.Equal(ids, results.Select(r => r.Id));
        Assert.Equal(5, Calls("collections"));
        var titles = (await QueryAsync("SELECT Id, Title FROM Contact")).ToDictionary(r => r.GetProperty("Id").GetString()!, r => r.GetProperty("Title").GetString());
        Assert.Equal("VP 0", titles[ids[0]]);
        Assert.Equal("VP 999", titles[ids[999]]);
    }

    [Fact]
    public async Task UpdateAsync_SomeRecordsRejected_ReportsEachFailureAtItsInputPosition()
    {
        var good = await CreateContactAsync("Good");
        var deleted = await CreateContactAsync("Deleted");
        var tooLong = await CreateContactAsync("Too long");
        await Connector.Client.DeleteAsync("Contact", deleted, Ct);

        var results = await Connector.Writer.UpdateAsync("Contact",
        [
            new CrmRecordUpdate(good, new Dictionary<string, object?> { ["Title"] = "Fine" }),
            new CrmRecordUpdate(deleted, new Dictionary<string, object?> { ["Title"] = "Gone" }),
            new CrmRecordUpdate(tooLong, new Dictionary<string, object?> { ["LastName"] = new string('x', 81) }),
        ], bulk: false, Ct);

        Assert.True(results[0].Success);
        Assert.False(results[1].Success);
        Assert.Equal(deleted, results[1].Id);
        Assert.Equal("ENTITY_IS_DELETED", results[1].Errors[0].ErrorCode);
        Assert.False(results[2].Success);
        Assert.Equal("STRING_TOO_LONG", results[2].Errors[0].ErrorCode);
        Assert.Contains("LastName", results[2].Errors[0].Fields);
        Assert.Equal("Fine", (await QueryAsync($"SELECT Title FROM Contact WHERE Id = '{good}'")).Single().GetProperty("Title").GetString());
    }

    [Fact]
    public async Task UpdateAsync_Bulk_UpdatesThroughOneJobAndMapsResultsBackByIdInInputOrder()
    {
        var ids = await SeedContactsAsync(300);
        var deleted = ids[150];
        await Connector.Client.DeleteAsync("Contact", deleted, Ct);
        // Shuffled, so results follow the input and not the job's own order.
        var input = Titles(ids.AsEnumerable().Reverse(), "Bulk");

        var results = await Connector.Writer.UpdateAsync("Contact", input, bulk: true, Ct);

        Assert.Equal(input.Select(u => u.Id), results.Select(r => r.Id));
        var failed = Assert.Single(results, r => !r.Success);
        Assert.Equal(deleted, failed.Id);
        Assert.Equal(0, Calls("collections"));
        Assert.True(Calls("bulk") > 0);
        var titles = (await QueryAsync("SELECT Id, Title FROM Contact")).ToDictionary(r => r.GetProperty("Id").GetString()!, r => r.GetProperty("Title").GetString());
        Assert.All(input.Where(u => u.Id != deleted), u => Assert.Equal(u.Fields["Title"], titles[u.Id]));
    }

    [Fact]
    public async Task UpdateAsync_SomeRowsLocked_RetriesOnlyThoseUntilTheySucceed()
    {
        var ids = await SeedContactsAsync(40);
        await Host.ControlPutAsync("/__emulator/faults", new { recordLockRate = 0.3, seed = 5 });
        using var connector = new SalesforceConnector(Host.PasswordClient(), TimeProvider.System, FastRetries with { LockRetries = 6 });

        var results = await connector.Writer.UpdateAsync("Contact", Titles(ids, "Locked"), bulk: false, Ct);

        Assert.All(results, r => Assert.True(r.Success));
        Assert.True(connector.ApiCalls()["collections"] > 1, "locked rows should have been sent again");
    }

    [Fact]
    public async Task UpdateAsync_RowsLockedThroughEveryRetry_ReportedFailedWithUnableToLockRow()
    {
        var id = await CreateContactAsync("Always locked");
        await Host.ControlPutAsync("/__emulator/faults", new { recordLockRate = 1.0 });

        var results = await Connector.Writer.UpdateAsync("Contact", Titles([id], "Never"), bulk: false, Ct);

        var result = Assert.Single(results);
        Assert.False(result.Success);
        Assert.Equal("UNABLE_TO_LOCK_ROW", result.Errors[0].ErrorCode);
        Assert.True(result.Errors[0].IsTransient);
        Assert.Equal(1 + FastRetries.LockRetries, Calls("collections"));
    }

    [Fact]
    public async Task CreateAsync_Leads_ReturnsTheirIdsInOrder()
    {
        var results = await Connector.Writer.CreateAsync("Lead",
        [
            new Dictionary<string, object?> { ["LastName"] = "New", ["Company"] = "Acme", ["Email"] = "new@acme.test" },
            new Dictionary<string, object?> { ["Company"] = "No name" },
        ], Ct);

        Assert.True(results[0].Success);
        Assert.Equal(results[0].Id, (await QueryAsync("SELECT Id FROM Lead WHERE Email = 'new@acme.test'")).Single().GetProperty("Id").GetString());
        Assert.False(results[1].Success);
        Assert.Equal("REQUIRED_FIELD_MISSING", results[1].Errors[0].ErrorCode);
    }
}
