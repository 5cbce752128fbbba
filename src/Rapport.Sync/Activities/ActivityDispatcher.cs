using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Events;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Data.Storage;
using Rapport.Sync.Connectors;
using Rapport.Sync.Runs;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Activities;

/// <summary>
/// Writes rule events to the CRM as Event/Task activities, and NPS answers to the linked record's
/// fields (seed 001: "as soon as an event occurs"). The event log is the outbox: the dispatcher
/// tails it from its own cursor (<c>sync_cursors</c> "activities"), never past the processor's
/// checkpoint, so the profile and identities an event names exist. Activities are upserted by an
/// external id made of the message id and the rule index, so a replay after a crash updates the
/// same activity instead of adding one. The cursor moves after each chunk of up to
/// <see cref="ChunkSize"/> events; a rejected record is recorded and passed, a failed call
/// (<see cref="CrmException"/>) leaves the cursor where it was for the caller to retry.
/// </summary>
public sealed class ActivityDispatcher(IDbContextFactory<RapportDbContext> contexts, TimeProvider time)
{
    public const string CursorName = "activities";
    public const string Stage = "activity";
    public const int ChunkSize = 500;
    public const int BatchSize = 200;

    // Creating fields is slow and needs Customize Application: once per connection, object and name set.
    private readonly ConcurrentDictionary<string, bool> _ensuredFields = new(StringComparer.Ordinal);

    /// <summary>Dispatches as a stage of a sync run: record errors go on the run.</summary>
    public Task<ActivityDispatchResult> DispatchAsync(SyncContext context, CancellationToken cancellationToken)
        => DispatchAsync(context.ConnectionId, context.DatasetId, context.Settings, context.Connector, context.Run, cancellationToken);

    /// <summary>
    /// Dispatches on its own: record errors open an <c>activity</c> run (see <see cref="ActivityErrorLog"/>).
    /// The first dispatch of a connection starts at the processor's checkpoint: history is not replayed.
    /// </summary>
    public Task<ActivityDispatchResult> DispatchAsync(string connectionId, string datasetId, SyncSettings settings, ICrmConnector connector,
        CancellationToken cancellationToken)
        => DispatchAsync(connectionId, datasetId, settings, connector, null, cancellationToken);

    /// <summary>
    /// Whether processed events wait behind the cursor, so a poller opens a connector only when there
    /// is work. A connection without a cursor gets one at the processor's checkpoint here (the same
    /// start <see cref="DispatchAsync(string, string, SyncSettings, ICrmConnector, CancellationToken)"/>
    /// would give it), so that first step needs no CRM login.
    /// </summary>
    public async Task<bool> HasPendingAsync(string connectionId, string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var checkpoint = await db.ProcessedPositionAsync(datasetId, cancellationToken);
        var cursor = await SyncCursors.GetAsync(db, connectionId, CursorName, cancellationToken);
        if (cursor is null)
        {
            await StartCursorAsync(db, connectionId, checkpoint, cancellationToken);
            return false;
        }
        return long.Parse(cursor, CultureInfo.InvariantCulture) < checkpoint;
    }

    private async Task<ActivityDispatchResult> DispatchAsync(string connectionId, string datasetId, SyncSettings settings, ICrmConnector connector,
        SyncRunRecorder? recorder, CancellationToken cancellationToken)
    {
        var result = new ActivityDispatchResult();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var checkpoint = await db.ProcessedPositionAsync(datasetId, cancellationToken);
        var cursor = await db.SyncCursors.FirstOrDefaultAsync(c => c.ConnectionId == connectionId && c.Name == CursorName, cancellationToken);
        if (cursor is null)
        {
            await StartCursorAsync(db, connectionId, checkpoint, cancellationToken);
            result.Position = checkpoint;
            return result;
        }

        var dataset = await db.Datasets.AsNoTracking().FirstAsync(d => d.Id == datasetId, cancellationToken);
        var plan = new ActivityPlan(settings.Activities, dataset.NpsScoreEvent, dataset.NpsFeedbackEvent);
        var names = plan.EventNames.ToList();
        var errors = new ActivityErrorLog(connectionId, datasetId, recorder, time);
        var position = long.Parse(cursor.Position, CultureInfo.InvariantCulture);
        while (position < checkpoint)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var from = position;
            var events = names.Count == 0 ? [] : await db.Events.AsNoTracking()
                .Where(e => e.DatasetId == datasetId && e.Sequence > from && e.Sequence <= checkpoint
                    && e.Type == (int)EventType.Track && names.Contains(e.Name!))
                .OrderBy(e => e.Sequence)
                .Take(ChunkSize)
                .ToListAsync(cancellationToken);
            var next = events.Count < ChunkSize ? checkpoint : events[^1].Sequence;
            if (events.Count > 0)
            {
                await SendAsync(db, connectionId, datasetId, settings, connector, plan, events, errors, result, cancellationToken);
            }
            cursor.Position = Format(next);
            cursor.UpdatedAt = time.GetUtcNow().UtcDateTime;
            if (errors.HasPending)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await errors.FlushAsync(db, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            position = next;
        }
        result.Position = position;
        result.ErrorRunId = errors.RunId;
        return result;
    }

    private async Task SendAsync(RapportDbContext db, string connectionId, string datasetId, SyncSettings settings, ICrmConnector connector,
        ActivityPlan plan, List<EventEntity> events, ActivityErrorLog errors, ActivityDispatchResult result, CancellationToken cancellationToken)
    {
        var recipients = await ActivityRecipients.ResolveAsync(db, datasetId, connectionId, events, cancellationToken);
        var activities = new Dictionary<ActivityObject, List<(CrmActivity Activity, string ProfileKey)>>();
        var nps = new NpsFieldUpdates(settings.Push.Infix);
        foreach (var e in events)
        {
            result.Events++;
            var recipient = recipients[e.Sequence];
            if (recipient.WhoId is null)
            {
                result.Unlinked++;
                continue;
            }
            var at = DateTimeOffset.FromUnixTimeMilliseconds(e.TimestampMs);
            var variables = ActivityVariables.FromMessage(e.Payload, e.Name, e.UserId, e.AnonymousId, at);
            foreach (var (index, rule) in plan.RulesFor(e.Name!))
            {
                var subject = ActivityText.Subject(rule.Subject, variables);
                var description = ActivityText.Description(rule.Description, variables);
                if ((subject.ParseError ?? description.ParseError) is { } parseError)
                {
                    errors.Add(result, rule.Object.ToString(), recipient.WhoId, recipient.ProfileKey,
                        new CrmError("INVALID_TEMPLATE", $"The activity rule for \"{rule.Event}\" has a template error: {parseError}", []));
                    continue;
                }
                if ((subject.RenderError ?? description.RenderError) is { } renderError)
                {
                    errors.Add(result, rule.Object.ToString(), recipient.WhoId, recipient.ProfileKey,
                        new CrmError("INVALID_TEMPLATE", $"The activity rule for \"{rule.Event}\" failed to render: {renderError}", []));
                    continue;
                }
                var activity = new CrmActivity(ActivityExternalId.For(e.MessageId, index), recipient.WhoId, recipient.WhatId,
                    subject.Text!, description.Text!, at);
                if (!activities.TryGetValue(rule.Object, out var list))
                {
                    activities[rule.Object] = list = [];
                }
                list.Add((activity, recipient.ProfileKey));
            }
            if (plan.IsNpsScore(e.Name!))
            {
                nps.AddScore(recipient.WhoObjectType!, recipient.WhoId, variables.Values.GetValueOrDefault("score"), e.TimestampMs);
            }
            else if (plan.IsNpsFeedback(e.Name!))
            {
                nps.AddFeedback(recipient.WhoObjectType!, recipient.WhoId, variables.Values.GetValueOrDefault("feedback"), e.TimestampMs);
            }
        }

        foreach (var (type, list) in activities)
        {
            foreach (var batch in list.Chunk(BatchSize))
            {
                var results = await connector.Activities.UpsertAsync(type, batch.Select(b => b.Activity).ToList(), cancellationToken);
                for (var i = 0; i < batch.Length; i++)
                {
                    Record(results.ElementAtOrDefault(i), type.ToString(), batch[i].Activity.WhoId, batch[i].ProfileKey, errors, result, written: () => result.Written++);
                }
            }
        }
        if (!nps.IsEmpty)
        {
            await UpdateNpsAsync(connectionId, settings, connector, nps, errors, result, cancellationToken);
        }
    }

    private async Task UpdateNpsAsync(string connectionId, SyncSettings settings, ICrmConnector connector, NpsFieldUpdates nps,
        ActivityErrorLog errors, ActivityDispatchResult result, CancellationToken cancellationToken)
    {
        foreach (var objectType in nps.ObjectTypes.ToList())
        {
            var key = string.Join('\u001f', connectionId, objectType, nps.ScoreField, nps.FeedbackField);
            if (!_ensuredFields.ContainsKey(key))
            {
                try
                {
                    await connector.Schema.EnsureFieldsAsync(objectType, nps.Fields, cancellationToken);
                    _ensuredFields[key] = true;
                }
                catch (CrmException ex) when (ex.Kind is CrmFailureKind.InsufficientAccess or CrmFailureKind.Configuration)
                {
                    // Without the fields the answers cannot be written, but the activities can: record it and go on.
                    errors.Add(result, objectType, null, null, new CrmError(ex.ErrorCode ?? "FIELD_CREATION_FAILED",
                        $"The NPS fields could not be created on {objectType}: {ex.Message}", [nps.ScoreField, nps.FeedbackField]));
                    continue;
                }
            }
            foreach (var batch in nps.UpdatesFor(objectType).Chunk(BatchSize))
            {
                var results = await connector.Writer.UpdateAsync(objectType, batch, bulk: false, cancellationToken);
                for (var i = 0; i < batch.Length; i++)
                {
                    Record(results.ElementAtOrDefault(i), objectType, batch[i].Id, null, errors, result, written: () => result.NpsUpdated++);
                }
            }
        }
    }

    private static void Record(CrmWriteResult? outcome, string objectType, string recordId, string? profileKey, ActivityErrorLog errors,
        ActivityDispatchResult result, Action written)
    {
        if (outcome is { Success: true })
        {
            written();
            return;
        }
        var crmErrors = outcome?.Errors ?? [];
        if (crmErrors.Any(e => e.IsTransient))
        {
            // A locked row or a busy server is not the record's fault: retry the chunk rather than pass it.
            throw new CrmException(CrmFailureKind.Transient, $"Salesforce could not write a {objectType} for {recordId} just now: {crmErrors.First(e => e.IsTransient).Message}",
                crmErrors.First(e => e.IsTransient).ErrorCode);
        }
        foreach (var error in crmErrors.Count == 0 ? [new CrmError("UNKNOWN_ERROR", "Salesforce returned no result for this record.", [])] : crmErrors)
        {
            errors.Add(result, objectType, recordId, profileKey, error);
        }
    }

    private async Task StartCursorAsync(RapportDbContext db, string connectionId, long checkpoint, CancellationToken cancellationToken)
    {
        db.SyncCursors.Add(new SyncCursorEntity
        {
            ConnectionId = connectionId, Name = CursorName, Position = Format(checkpoint), UpdatedAt = time.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node placed it first; its position is as good as ours.
            db.ChangeTracker.Clear();
        }
    }

    private static string Format(long position) => position.ToString(CultureInfo.InvariantCulture);
}
