using System.Net;
using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Http;
using Rapport.Salesforce.Sync;
using Rapport.Sync.Connectors;

namespace Rapport.Salesforce.Tests.Sync;

/// <summary>The one place Salesforce failures become failure classes: each class and its remedy.</summary>
public sealed class SalesforceCrmFailuresTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SalesforceApiException Api(HttpStatusCode status, string code, string message = "m") => new(status, [new SalesforceError(code, message, [])]);

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "REQUEST_LIMIT_EXCEEDED", CrmFailureKind.RequestLimitExceeded)]
    [InlineData(HttpStatusCode.Forbidden, "INSUFFICIENT_ACCESS", CrmFailureKind.InsufficientAccess)]
    [InlineData(HttpStatusCode.BadRequest, "INVALID_FIELD", CrmFailureKind.Configuration)]
    [InlineData(HttpStatusCode.BadRequest, "INVALID_TYPE", CrmFailureKind.Configuration)]
    [InlineData(HttpStatusCode.Unauthorized, "INVALID_SESSION_ID", CrmFailureKind.AuthenticationFailed)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "SERVER_UNAVAILABLE", CrmFailureKind.Transient)]
    [InlineData(HttpStatusCode.BadRequest, "UNABLE_TO_LOCK_ROW", CrmFailureKind.Transient)]
    [InlineData(HttpStatusCode.BadRequest, "MALFORMED_QUERY", CrmFailureKind.Unknown)]
    public void Classify_ApiErrors_GetTheirFailureClassAndKeepTheCode(HttpStatusCode status, string code, CrmFailureKind expected)
    {
        var crm = SalesforceCrmFailures.Classify(Api(status, code), Ct);

        Assert.Equal(expected, crm!.Kind);
        Assert.Equal(code, crm.ErrorCode);
    }

    [Fact]
    public void Classify_ExpiredRefreshToken_AsksToReconnectAndChangeThePolicy()
    {
        var crm = SalesforceCrmFailures.Classify(new SalesforceAuthException("invalid_grant", "expired access/refresh token", HttpStatusCode.BadRequest), Ct);

        Assert.Equal(CrmFailureKind.AuthenticationFailed, crm!.Kind);
        Assert.Contains(SalesforceRemedies.RefreshTokenExpired, crm.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_NetworkFailuresAndTimeouts_AreTransient()
    {
        Assert.Equal(CrmFailureKind.Transient, SalesforceCrmFailures.Classify(new HttpRequestException("connection refused"), Ct)!.Kind);
        Assert.Equal(CrmFailureKind.Transient, SalesforceCrmFailures.Classify(new TimeoutException(), Ct)!.Kind);
        Assert.Equal(CrmFailureKind.Transient, SalesforceCrmFailures.Classify(new TaskCanceledException(), Ct)!.Kind);
    }

    [Fact]
    public void Classify_CancellationTheCallerAskedFor_IsNoFailure()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Null(SalesforceCrmFailures.Classify(new OperationCanceledException(cancelled.Token), cancelled.Token));
        Assert.Null(SalesforceCrmFailures.Classify(new InvalidOperationException("a bug"), Ct));
    }
}
