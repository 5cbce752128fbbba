using System.Net;
using Rapport.SalesforceEmulator.Tests.Support;

namespace Rapport.SalesforceEmulator.Tests.Rest;

/// <summary>Malformed and unexpected requests get Salesforce error bodies, never a 500.</summary>
public sealed class RobustnessTests : EmulatorTestBase
{

    public static TheoryData<string, string, string?> Requests() => new()
    {
        { "POST", "sobjects/Contact", "[]" },
        { "POST", "sobjects/Contact", "\"text\"" },
        { "POST", "sobjects/Contact", "{\"LastName\":{\"nested\":1}}" },
        { "POST", "sobjects/Contact", "{\"LastName\":\"x\",\"Birthdate\":12}" },
        { "POST", "sobjects/Contact", "{\"LastName\":\"x\",\"HasOptedOutOfEmail\":\"maybe\"}" },
        { "POST", "sobjects/Contact", "{\"LastName\":\"x\",\"AccountId\":\"003500000000001AAA\"}" },
        { "PATCH", "sobjects/Contact/003500000000001AAA", "not json" },
        { "PATCH", "sobjects/Contact/ZZZ", "{}" },
        { "DELETE", "sobjects/Contact/%20", null },
        { "GET", "sobjects/Contact/describe/extra/segments", null },
        { "GET", "sobjects/Contact/003500000000001AAA?fields=Nope", null },
        { "GET", "query", null },
        { "GET", "query?q=", null },
        { "GET", "query?q=SELECT", null },
        { "GET", "query?q=SELECT%20Id%20FROM%20Contact%20WHERE%20CreatedDate%20%3E%20'x'", null },
        { "GET", "query/not-a-locator", null },
        { "GET", "query/01g500000000001AAA-abc", null },
        { "POST", "composite/sobjects", "{}" },
        { "POST", "composite/sobjects", "{\"records\":[1,2]}" },
        { "DELETE", "composite/sobjects", null },
        { "GET", "composite/sobjects/Contact?ids=a,b", null },
        { "PATCH", "composite/sobjects/Contact/Nope__c", "{\"records\":[]}" },
        { "GET", "sobjects/Contact/updated/?start=garbage&end=garbage", null },
        { "GET", "sobjects/Contact/deleted/", null },
        { "POST", "tooling/sobjects/CustomField", "{}" },
        { "POST", "tooling/sobjects/CustomField", "{\"FullName\":\"Nope.X__c\",\"Metadata\":{\"type\":\"Text\",\"label\":\"x\",\"length\":5}}" },
        { "POST", "tooling/sobjects/CustomField", "{\"FullName\":\"Contact.Y__c\",\"Metadata\":{\"type\":\"Number\",\"label\":\"y\",\"precision\":99}}" },
        { "GET", "tooling/query?q=SELECT%20Id%20FROM%20Contact", null },
        { "POST", "jobs/ingest", "{\"object\":\"Nope\",\"operation\":\"insert\"}" },
        { "PUT", "jobs/ingest/750500000000001AAA/batches", "a,b" },
        { "POST", "jobs/query", "{\"query\":\"SELECT COUNT() FROM Contact\"}" },
        { "GET", "jobs/query/750500000000001AAA/results?locator=%%%", null },
        { "GET", "nope", null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task BadRequest_GetsSalesforceErrorNot500(string method, string path, string? body)
    {
        var (status, json) = await Client.SendAsync(new HttpMethod(method), path, body);

        Assert.InRange((int)status, 400, 499);
        Assert.False(string.IsNullOrEmpty(json.ErrorCode()));
    }

    [Fact]
    public async Task BadItemsInCollectionsAndBatch_FailPerItemWith200()
    {
        var (createStatus, create) = await Client.SendAsync(HttpMethod.Post, "composite/sobjects", "{\"records\":[{\"attributes\":{\"type\":\"Nope\"}}]}");
        var (updateStatus, update) = await Client.SendAsync(HttpMethod.Patch, "composite/sobjects", "{\"records\":[{\"attributes\":{\"type\":\"Contact\"},\"Title\":\"x\"}]}");
        var (batchStatus, batch) = await Client.SendAsync(HttpMethod.Post, "composite/batch", "{\"batchRequests\":[{\"method\":\"GET\"},{\"method\":\"GET\",\"url\":\"v99.0/limits\"}]}");

        Assert.Equal(HttpStatusCode.OK, createStatus);
        Assert.Equal("INVALID_TYPE", create[0].GetProperty("errors")[0].GetProperty("statusCode").GetString());
        Assert.Equal(HttpStatusCode.OK, updateStatus);
        Assert.Equal("MISSING_ARGUMENT", update[0].GetProperty("errors")[0].GetProperty("statusCode").GetString());
        Assert.Equal(HttpStatusCode.OK, batchStatus);
        Assert.True(batch.GetProperty("hasErrors").GetBoolean());
        Assert.Equal(400, batch.GetProperty("results")[0].GetProperty("statusCode").GetInt32());
        Assert.Equal(404, batch.GetProperty("results")[1].GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task NoSession_Is401InvalidSessionId()
    {
        using var anonymous = new HttpClient { BaseAddress = Client.BaseAddress };

        var (status, body) = await anonymous.GetJsonAsync("sobjects");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("INVALID_SESSION_ID", body.ErrorCode());
    }
}
