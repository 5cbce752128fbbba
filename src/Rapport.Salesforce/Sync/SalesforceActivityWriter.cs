using Rapport.Sync.Connectors;
using Rapport.Sync.Settings;

namespace Rapport.Salesforce.Sync;

/// <summary>
/// Writes Events and Tasks as upserts on the External ID field <c>Rapport_Event_Id__c</c>
/// (sObject Collections upsert, 200 a call): sending the same activity again after a crash or a
/// lost response updates it instead of creating a second one. The field is an Activity custom
/// field, so one definition serves both Task and Event; it is created on first use.
/// </summary>
public sealed class SalesforceActivityWriter : ICrmActivityWriter
{
    /// <summary>The External ID field the upserts key on.</summary>
    public const string ExternalIdField = "Rapport_Event_Id__c";

    private const int SubjectLength = 255;
    private const int DescriptionLength = 32000;

    private readonly SalesforceClient _client;
    private readonly SalesforceSchema _schema;
    private readonly LockRetrier _retrier;
    private Task? _ensured;

    internal SalesforceActivityWriter(SalesforceClient client, SalesforceSchema schema, LockRetrier retrier)
    {
        _client = client;
        _schema = schema;
        _retrier = retrier;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CrmWriteResult>> UpsertAsync(ActivityObject type, IReadOnlyList<CrmActivity> activities, CancellationToken cancellationToken)
    {
        if (activities.Count == 0)
        {
            return [];
        }
        await EnsureExternalIdAsync(cancellationToken);
        var objectType = type == ActivityObject.Task ? "Task" : "Event";
        var records = activities.Select(a => Record(type, a)).ToList();
        return await _retrier.SendAsync(records, (batch, ct) => _client.Collections.UpsertAsync(objectType, ExternalIdField, batch, ct), cancellationToken);
    }

    private async Task EnsureExternalIdAsync(CancellationToken cancellationToken)
    {
        var spec = new CrmFieldSpec(ExternalIdField, "Rapport Event ID", CrmFieldType.Text);
        var definition = SalesforceSchema.Definition(SalesforceSchema.Activity, spec) with { ExternalId = true, Description = "Rapport's id of the event this activity records; upserts key on it." };
        // Once per connector; a failure is not remembered, so the next batch tries again.
        var ensured = _ensured ??= _schema.EnsureAsync(SalesforceSchema.Activity, ["Task", "Event"], [(spec, definition)], CancellationToken.None);
        try
        {
            await ensured.WaitAsync(cancellationToken);
        }
        catch
        {
            _ensured = null;
            throw;
        }
    }

    private static Dictionary<string, object?> Record(ActivityObject type, CrmActivity activity)
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [ExternalIdField] = activity.ExternalId,
            ["WhoId"] = activity.WhoId,
            ["Subject"] = Truncate(activity.Subject, SubjectLength),
            ["Description"] = Truncate(activity.Description, DescriptionLength),
        };
        if (activity.WhatId is not null)
        {
            record["WhatId"] = activity.WhatId;
        }
        if (type == ActivityObject.Event)
        {
            // A timed event needs a start and an end (or a duration): a behavioural event is a moment.
            record["StartDateTime"] = activity.At.ToUniversalTime();
            record["EndDateTime"] = activity.At.ToUniversalTime();
        }
        else
        {
            record["ActivityDate"] = DateOnly.FromDateTime(activity.At.UtcDateTime);
            record["Status"] = "Completed";
            record["Priority"] = "Normal";
        }
        return record;
    }

    private static string Truncate(string value, int length) => value.Length > length ? value[..length] : value;
}
