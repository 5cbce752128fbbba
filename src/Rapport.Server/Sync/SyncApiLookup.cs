using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Server.Integrations;
using Rapport.Sync.Connectors;

namespace Rapport.Server.Sync;

/// <summary>What the sync endpoints share: finding a dataset's connection, and CRM failures as problem details.</summary>
internal static class SyncApiLookup
{
    public static async Task<(SalesforceConnectionEntity? Connection, IResult? Problem)> ConnectionAsync(
        IDbContextFactory<RapportDbContext> contexts, string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ConnectionAsync(db, datasetId, tracked: false, cancellationToken);
    }

    public static async Task<(SalesforceConnectionEntity? Connection, IResult? Problem)> ConnectionAsync(
        RapportDbContext db, string datasetId, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.SalesforceConnections : db.SalesforceConnections.AsNoTracking();
        if (await query.SingleOrDefaultAsync(c => c.DatasetId == datasetId, cancellationToken) is { } connection)
        {
            return (connection, null);
        }
        if (!await db.Datasets.AnyAsync(d => d.Id == datasetId, cancellationToken))
        {
            return (null, Problems.DatasetNotFound(datasetId));
        }
        return (null, SalesforceConnectionApi.NoConnection(datasetId));
    }

    public static IResult CrmProblem(CrmException exception, string title)
    {
        var status = exception.Kind switch
        {
            CrmFailureKind.AuthenticationFailed => 409,
            CrmFailureKind.InsufficientAccess => 403,
            CrmFailureKind.Configuration => 400,
            CrmFailureKind.RequestLimitExceeded => 429,
            _ => 502,
        };
        return TypedResults.Problem(statusCode: status, title: title, detail: exception.Message,
            extensions: new Dictionary<string, object?> { ["failure"] = exception.Kind.ToString(), ["errorCode"] = exception.ErrorCode });
    }
}
