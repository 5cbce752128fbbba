using System.Net;
using Rapport.Salesforce.Bulk;
using Rapport.Salesforce.Diagnostics;
using Rapport.Salesforce.Http;

namespace Rapport.Salesforce.Tests;

public class ParsingTests
{
    [Theory]
    [InlineData("api-usage=18/5000", 18, 5000)]
    [InlineData("per-app-api-usage=2/250(appName=Rapport), api-usage=25/15000", 25, 15000)]
    public void ApiUsage_TryParse_ReadsUsedAndMax(string header, long used, long max)
    {
        Assert.True(ApiUsage.TryParse(header, out var usage));
        Assert.Equal(new ApiUsage(used, max), usage);
        Assert.Equal(max - used, usage.Remaining);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("api-usage=abc/5")]
    [InlineData("per-app-api-usage=2/250")]
    public void ApiUsage_TryParse_RejectsOtherValues(string? header) => Assert.False(ApiUsage.TryParse(header, out _));

    [Fact]
    public void ErrorParser_RestArray_KeepsCodeMessageAndFields()
    {
        var errors = SalesforceErrorParser.Parse("""[{"message":"No such column 'Foo' on entity 'Contact'","errorCode":"INVALID_FIELD","fields":["Foo"]},{"message":"x","errorCode":"OTHER"}]""");
        Assert.Equal(2, errors.Count);
        Assert.Equal("INVALID_FIELD", errors[0].ErrorCode);
        Assert.Equal("No such column 'Foo' on entity 'Contact'", errors[0].Message);
        Assert.Equal(["Foo"], errors[0].Fields);
        Assert.Empty(errors[1].Fields);
    }

    [Fact]
    public void ErrorParser_PlainText_BecomesTheCode() =>
        Assert.Equal("Bad_OAuth_Token", SalesforceErrorParser.Parse("Bad_OAuth_Token")[0].ErrorCode);

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "REQUEST_LIMIT_EXCEEDED", false, true, false, false)]
    [InlineData(HttpStatusCode.Unauthorized, "INVALID_SESSION_ID", true, false, false, false)]
    [InlineData(HttpStatusCode.BadRequest, "INSUFFICIENT_ACCESS_OR_READONLY", false, false, true, false)]
    [InlineData(HttpStatusCode.BadRequest, "UNABLE_TO_LOCK_ROW", false, false, false, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "SERVER_UNAVAILABLE", false, false, false, true)]
    [InlineData(HttpStatusCode.BadRequest, "INVALID_FIELD", false, false, false, false)]
    public void ApiException_Helpers_ClassifyTheFailure(HttpStatusCode status, string code, bool expired, bool limit, bool access, bool transient)
    {
        var exception = new SalesforceApiException(status, [new SalesforceError(code, "m", ["F"])]);
        Assert.Equal(expired, exception.IsSessionExpired);
        Assert.Equal(limit, exception.IsRequestLimitExceeded);
        Assert.Equal(access, exception.IsInsufficientAccess);
        Assert.Equal(transient, exception.IsTransient);
        Assert.Equal(code, exception.ErrorCode);
        Assert.Equal(["F"], exception.Fields);
        Assert.Contains(code, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://x.my.salesforce.com/services/data/v62.0/query?q=SELECT", SalesforceEndpointKind.Query)]
    [InlineData("https://x.my.salesforce.com/services/data/v62.0/query/01gxx-2000", SalesforceEndpointKind.Query)]
    [InlineData("https://x.my.salesforce.com/services/data/v62.0/queryAll?q=x", SalesforceEndpointKind.Query)]
    [InlineData("https://x.my.salesforce.com/services/data/v62.0/composite/sobjects", SalesforceEndpointKind.Collections)]
    [InlineData("https://x.my.salesforce.com/services/data/v62.0/sobjects", SalesforceEndpointKind.Describe)]
    [InlineData("https://x.my.salesforce.com/services/data/v62.0/sobjects/Contact/describe", SalesforceEndpointKind.Describe)]
    [InlineData("https://x.my.salesforce.com/services/data/v62.0/sobjects/Contact/updated/?start=a", SalesforceEndpointKind.Changes)]
    [InlineData("https://x.my.salesforce.com/services/data/v62.0/sobjects/Contact/003xx0000000001AAA", SalesforceEndpointKind.SObject)]
    [InlineData("https://x.my.salesforce.com/services/data/v62.0/jobs/ingest/750x/batches", SalesforceEndpointKind.Bulk)]
    [InlineData("https://x.my.salesforce.com/services/data/v62.0/tooling/sobjects/CustomField", SalesforceEndpointKind.Tooling)]
    [InlineData("https://x.my.salesforce.com/services/data/v62.0/limits", SalesforceEndpointKind.Limits)]
    [InlineData("https://login.salesforce.com/services/oauth2/token", SalesforceEndpointKind.OAuth)]
    [InlineData("https://login.salesforce.com/id/00D/005", SalesforceEndpointKind.Identity)]
    public void EndpointClassifier_Paths_MapToKinds(string url, SalesforceEndpointKind kind) =>
        Assert.Equal(kind, SalesforceEndpointClassifier.Classify(new Uri(url)));

    [Fact]
    public async Task Csv_QuotedFieldsWithCommasQuotesAndNewlines_RoundTrip()
    {
        var builder = new System.Text.StringBuilder();
        Csv.AppendRow(builder, ["Id", "Name"]);
        Csv.AppendRow(builder, ["1", "Smith, \"Jr\"\nline2"]);
        Csv.AppendRow(builder, ["2", null]);
        Assert.Equal("Id,Name\n1,\"Smith, \"\"Jr\"\"\nline2\"\n2,#N/A\n", builder.ToString());

        var rows = new List<Dictionary<string, string>>();
        await foreach (var row in Csv.ReadRecordsAsync(new StringReader("\"Id\",\"Name\"\r\n\"1\",\"Smith, \"\"Jr\"\"\nline2\"\r\n\"2\",\"\"\r\n")))
        {
            rows.Add(row);
        }
        Assert.Equal(2, rows.Count);
        Assert.Equal("Smith, \"Jr\"\nline2", rows[0]["Name"]);
        Assert.Equal(string.Empty, rows[1]["Name"]);
    }

    [Fact]
    public void DateTimeConverter_SalesforceOffsetWithoutColon_Parses() =>
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), SalesforceDateTimeConverter.Parse("2024-01-02T03:04:05.000+0000"));

    [Fact]
    public void SaveResult_LockErrorOnly_IsTransient()
    {
        Assert.True(new Rest.SaveResult(null, false, null, [new SalesforceError("UNABLE_TO_LOCK_ROW", "locked", [])]).IsTransientFailure);
        Assert.False(new Rest.SaveResult(null, false, null, [new SalesforceError("REQUIRED_FIELD_MISSING", "m", ["LastName"])]).IsTransientFailure);
        Assert.False(new Rest.SaveResult("003", true, null, []).IsTransientFailure);
    }
}
