using Rapport.Sync.Connectors;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Tests.Support;

/// <summary>
/// An in-memory activity writer with Salesforce's upsert semantics on <c>Rapport_Event_Id__c</c>:
/// the same external id updates the activity it created instead of adding one.
/// </summary>
public sealed class FakeCrmActivityWriter(FakeCrmConnector connector) : ICrmActivityWriter
{
    /// <summary>External id → the activity as the CRM now holds it.</summary>
    public Dictionary<string, (ActivityObject Type, CrmActivity Activity)> Activities { get; } = new(StringComparer.Ordinal);

    /// <summary>Upsert calls made (each counts as one sObject Collections call).</summary>
    public int Calls { get; private set; }

    /// <summary>When set, every call throws it, as a used-up API limit or an outage would.</summary>
    public CrmException? Failure { get; set; }

    /// <summary>Returns an error for an activity the CRM should refuse, or null to accept it.</summary>
    public Func<CrmActivity, CrmError?> Reject { get; set; } = _ => null;

    public Task<IReadOnlyList<CrmWriteResult>> UpsertAsync(ActivityObject type, IReadOnlyList<CrmActivity> activities, CancellationToken cancellationToken)
    {
        if (activities.Count > 200)
        {
            throw new InvalidOperationException("sObject Collections take at most 200 records per call.");
        }
        Calls++;
        connector.Count("collections");
        if (Failure is not null)
        {
            throw Failure;
        }
        var results = new List<CrmWriteResult>(activities.Count);
        foreach (var activity in activities)
        {
            if (Reject(activity) is { } error)
            {
                results.Add(CrmWriteResult.Failed(null, error));
                continue;
            }
            Activities[activity.ExternalId] = (type, activity);
            results.Add(CrmWriteResult.Ok("00U" + activity.ExternalId.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture)));
        }
        return Task.FromResult<IReadOnlyList<CrmWriteResult>>(results);
    }
}
