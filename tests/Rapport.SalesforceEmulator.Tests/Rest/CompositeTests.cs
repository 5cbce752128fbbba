using System.Net;
using Rapport.SalesforceEmulator.Tests.Support;

namespace Rapport.SalesforceEmulator.Tests.Rest;

/// <summary>The Composite resource: reference ids between subrequests and allOrNone rollback.</summary>
public sealed class CompositeTests : EmulatorTestBase
{
    [Fact]
    public async Task Composite_LaterSubrequestsUseEarlierResults()
    {
        var (status, body) = await Client.PostJsonAsync("composite", new
        {
            allOrNone = true,
            compositeRequest = new object[]
            {
                new { method = "POST", url = "/services/data/v66.0/sobjects/Account", referenceId = "NewAccount", body = new { Name = "Composite Co" } },
                new { method = "POST", url = "/services/data/v66.0/sobjects/Contact", referenceId = "NewContact", body = new { LastName = "Composite", AccountId = "@{NewAccount.id}" } },
                new { method = "GET", url = "/services/data/v66.0/query?q=SELECT+Id,+AccountId+FROM+Contact+WHERE+LastName+=+'Composite'", referenceId = "Found" },
                new { method = "GET", url = "/services/data/v66.0/sobjects/Account/@{Found.records[0].AccountId}?fields=Name", referenceId = "Parent" },
            },
        });

        Assert.Equal(HttpStatusCode.OK, status);
        var responses = body.GetProperty("compositeResponse");
        Assert.Equal(201, responses[0].GetProperty("httpStatusCode").GetInt32());
        Assert.Equal("NewAccount", responses[0].GetProperty("referenceId").GetString());
        Assert.Equal(201, responses[1].GetProperty("httpStatusCode").GetInt32());
        Assert.Equal(1, responses[2].GetProperty("body").GetProperty("totalSize").GetInt32());
        Assert.Equal("Composite Co", responses[3].GetProperty("body").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Composite_AllOrNoneFailure_RollsBackAndHaltsTheOthers()
    {
        var (_, body) = await Client.PostJsonAsync("composite", new
        {
            allOrNone = true,
            compositeRequest = new object[]
            {
                new { method = "POST", url = "/services/data/v66.0/sobjects/Account", referenceId = "Kept", body = new { Name = "Rolled Back Co" } },
                new { method = "POST", url = "/services/data/v66.0/sobjects/Contact", referenceId = "Bad", body = new { FirstName = "No last name" } },
            },
        });
        var (_, query) = await Client.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT Id FROM Account WHERE Name = 'Rolled Back Co'"));

        var responses = body.GetProperty("compositeResponse");
        Assert.Equal(400, responses[0].GetProperty("httpStatusCode").GetInt32());
        Assert.Equal("PROCESSING_HALTED", responses[0].GetProperty("body")[0].GetProperty("errorCode").GetString());
        Assert.Equal("REQUIRED_FIELD_MISSING", responses[1].GetProperty("body")[0].GetProperty("errorCode").GetString());
        Assert.Equal(0, query.GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task Composite_ReferenceToFailedRequest_IsHaltedWithoutAllOrNone()
    {
        var (_, body) = await Client.PostJsonAsync("composite", new
        {
            compositeRequest = new object[]
            {
                new { method = "POST", url = "/services/data/v66.0/sobjects/Account", referenceId = "Failed", body = new { Phone = "1" } },
                new { method = "POST", url = "/services/data/v66.0/sobjects/Contact", referenceId = "Child", body = new { LastName = "Child", AccountId = "@{Failed.id}" } },
                new { method = "POST", url = "/services/data/v66.0/sobjects/Contact", referenceId = "Independent", body = new { LastName = "Independent" } },
            },
        });

        var responses = body.GetProperty("compositeResponse");
        Assert.Equal(400, responses[0].GetProperty("httpStatusCode").GetInt32());
        Assert.Equal("PROCESSING_HALTED", responses[1].GetProperty("body")[0].GetProperty("errorCode").GetString());
        Assert.Equal(201, responses[2].GetProperty("httpStatusCode").GetInt32());
    }
}
