using System.Net;
using Rapport.Salesforce.Http;
using Rapport.Salesforce.Tests.Support;

namespace Rapport.Salesforce.Tests;

public class RetryTests
{
    private static readonly Dictionary<string, object?> Fields = new() { ["LastName"] = "Smith" };

    private static HttpResponseMessage Unavailable() =>
        FakeSalesforceHandler.Json(HttpStatusCode.ServiceUnavailable, """[{"message":"Server unavailable","errorCode":"SERVER_UNAVAILABLE"}]""");

    [Fact]
    public async Task Get_ServiceUnavailable_IsRetried()
    {
        using var harness = new ClientHarness();
        var attempts = 0;
        harness.Handler.Answer(_ => ++attempts < 3 ? Unavailable() : FakeSalesforceHandler.Json(HttpStatusCode.OK, "{}"));
        await harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Create_ServiceUnavailable_IsNotRetried()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(_ => Unavailable());
        var exception = await Assert.ThrowsAsync<SalesforceApiException>(() => harness.Client.CreateAsync("Contact", Fields, TestContext.Current.CancellationToken));
        Assert.True(exception.IsTransient);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Update_ServiceUnavailable_IsNotRetriedUnlessMarkedIdempotent()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(_ => Unavailable());
        await Assert.ThrowsAsync<SalesforceApiException>(() => harness.Client.UpdateAsync("Contact", "003xx0000000001AAA", Fields, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Single(harness.Handler.Requests);

        await Assert.ThrowsAsync<SalesforceApiException>(() => harness.Client.UpdateAsync("Contact", "003xx0000000001AAA", Fields, idempotent: true, TestContext.Current.CancellationToken));
        Assert.Equal(1 + 4, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Upsert_TransientFailures_AreRetried()
    {
        using var harness = new ClientHarness();
        var attempts = 0;
        harness.Handler.Answer(_ => ++attempts switch
        {
            1 => Unavailable(),
            2 => FakeSalesforceHandler.Json(HttpStatusCode.BadRequest, """[{"message":"unable to obtain exclusive access to this record","errorCode":"UNABLE_TO_LOCK_ROW","fields":[]}]"""),
            _ => FakeSalesforceHandler.Json(HttpStatusCode.Created, """{"id":"003xx0000000009AAA","success":true,"errors":[],"created":true}"""),
        });

        var result = await harness.Client.UpsertAsync("Contact", "Rapport_Id__c", "user/1 2", Fields, TestContext.Current.CancellationToken);

        Assert.Equal(3, attempts);
        Assert.True(result.Created);
        Assert.Equal("003xx0000000009AAA", result.Id);
        Assert.Equal("/services/data/v62.0/sobjects/Contact/Rapport_Id__c/user%2F1%202", harness.Handler.Requests[0].Uri.AbsolutePath);
        Assert.Equal(HttpMethod.Patch, harness.Handler.Requests[0].Method);
    }

    [Fact]
    public async Task Get_NonTransientError_IsNotRetriedAndKeepsTheErrorDetails()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(_ => FakeSalesforceHandler.Json(HttpStatusCode.Forbidden, """[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"""));
        var exception = await Assert.ThrowsAsync<SalesforceApiException>(() => harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken));
        Assert.True(exception.IsRequestLimitExceeded);
        Assert.Equal(HttpStatusCode.Forbidden, exception.StatusCode);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task RetryDelay_RunsOnTheInjectedTimeProvider()
    {
        using var harness = new ClientHarness(retryDelay: TimeSpan.FromMinutes(1));
        var attempts = 0;
        harness.Handler.Answer(_ => Interlocked.Increment(ref attempts) == 1 ? Unavailable() : FakeSalesforceHandler.Json(HttpStatusCode.OK, "{}"));

        var call = harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken);
        while (Volatile.Read(ref attempts) == 0)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(1, Volatile.Read(ref attempts));
        Assert.False(call.IsCompleted);

        // Exponential backoff with jitter: step the fake clock until the retry fires, staying
        // below the 6-minute total timeout that runs on the same clock.
        for (var step = 0; step < 30 && !call.IsCompleted; step++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        await call.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void ConnectionOptionsAndTokens_ToString_HideSecrets()
    {
        var options = new Auth.SalesforceConnectionOptions { ConsumerKey = "key", ConsumerSecret = "s3cret", Username = "u", Password = "pw-secret", SecurityToken = "tok-secret" };
        var tokens = ClientHarness.Tokens("access-secret", "refresh-secret");
        var text = options.ToString() + tokens.ToString();
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.Contains("key", options.ToString(), StringComparison.Ordinal);
    }
}
