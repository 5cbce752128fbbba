using System.Net;
using System.Net.Http.Json;
using Rapport.SalesforceEmulator.Tests.Support;

namespace Rapport.SalesforceEmulator.Tests.Faults;

/// <summary>
/// <c>recordLockRate</c>: lock contention reported per record in sObject Collections results (the
/// call answers 200), as real orgs do with <c>allOrNone=false</c>.
/// </summary>
public sealed class RecordLockFaultTests : IAsyncLifetime
{
    private EmulatorServer _server = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync();
        _admin = await _server.ClientAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    private async Task ConfigureAsync(object settings)
    {
        using var control = new HttpClient { BaseAddress = new Uri(_server.BaseUrl) };
        using var response = await control.PutAsJsonAsync("/__emulator/faults", settings, Http.Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CollectionsUpdate_RecordLockRateOne_EachRecordFailsUnableToLockRowAndNothingChanges()
    {
        var first = await _admin.CreateAsync("Contact", new { LastName = "Before" });
        var second = await _admin.CreateAsync("Contact", new { LastName = "Before" });
        await ConfigureAsync(new { recordLockRate = 1.0 });

        var (status, body) = await _admin.PatchJsonAsync("composite/sobjects", new
        {
            allOrNone = false,
            records = new[] { new { attributes = new { type = "Contact" }, Id = first, LastName = "After" }, new { attributes = new { type = "Contact" }, Id = second, LastName = "After" } },
        });
        await ConfigureAsync(new { });
        var (_, query) = await _admin.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT Id FROM Contact WHERE LastName = 'After'"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(body.EnumerateArray(), r =>
        {
            Assert.False(r.GetProperty("success").GetBoolean());
            Assert.Equal("UNABLE_TO_LOCK_ROW", r.GetProperty("errors")[0].GetProperty("statusCode").GetString());
        });
        Assert.Equal(0, query.GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task CollectionsUpdate_RecordLockRateHalf_SameSeedLocksTheSameRecords()
    {
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await _admin.CreateAsync("Contact", new { LastName = $"C{i}" }));
        }
        var records = ids.Select(id => new { attributes = new { type = "Contact" }, Id = id, Title = "x" }).ToArray();

        async Task<bool[]> UpdateAsync()
        {
            await ConfigureAsync(new { recordLockRate = 0.5, seed = 11 });
            var (_, body) = await _admin.PatchJsonAsync("composite/sobjects", new { allOrNone = false, records });
            return body.EnumerateArray().Select(r => r.GetProperty("success").GetBoolean()).ToArray();
        }
        var run1 = await UpdateAsync();
        var run2 = await UpdateAsync();

        Assert.Equal(run1, run2);
        Assert.Contains(true, run1);
        Assert.Contains(false, run1);
    }
}
