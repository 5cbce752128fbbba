using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Rapport.Data;
using Rapport.Data.EventLog;
using Rapport.Data.Processing;
using Rapport.Sync.Connectors;
using Rapport.Sync.Matching;
using Rapport.Sync.Runs;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Pull;

/// <summary>
/// Salesforce → profiles (seed 000's Pull tab, seed 001's "Salesforce → app"). Reads each enabled
/// record type page by page — people (contacts, then leads) before the account-level type, so
/// accounts can be found through the contacts just matched — and writes changed field values to
/// the event log as CRM updates, which the processor applies with the record's
/// <c>SystemModstamp</c> as their time: the later change wins, per attribute, both ways.
/// Incremental runs resume from the <c>pull:&lt;ObjectType&gt;</c> cursor and see deletions.
/// </summary>
public sealed class PullStage(
    IDbContextFactory<RapportDbContext> contexts,
    IEventLog eventLog,
    ProfileProcessor processor,
    TimeProvider time,
    ILogger<PullStage> logger) : ISyncStage
{
    /// <summary>
    /// Re-read this much before the cursor: records committed late with an earlier <c>SystemModstamp</c>
    /// are not missed, and unchanged re-reads cost nothing (no events). Rapport's own writes in that
    /// window are not re-read (see <see cref="CrmReadRequest.OverlapFrom"/>).
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    public string Name => "pull";

    public async Task RunAsync(SyncContext context, CancellationToken cancellationToken)
    {
        var pull = context.Settings.Pull;
        var contactTypes = pull.RecordTypes.Where(t => t.Kind == CrmObjectKind.Contact).Select(t => t.ObjectType).Distinct(StringComparer.Ordinal).ToList();
        var pages = new PullPageProcessor(contexts, eventLog, time);
        foreach (var type in pull.RecordTypes.Where(t => t.Enabled).OrderBy(t => Rank(t.Kind)))
        {
            var state = new PullTypeState(context, type, context.Run.For("pull", type.ObjectType),
                new MatchOptions { MatchFields = type.MatchFields, OnlyDesignatedMatchFields = pull.OnlyDesignatedMatchFields },
                contactTypes, PullCursor.Name(type.ObjectType));
            var request = await BuildRequestAsync(state, cancellationToken);
            await foreach (var page in context.Connector.Reader.ReadAsync(request, cancellationToken).WithCancellation(cancellationToken))
            {
                await pages.ProcessAsync(state, page, cancellationToken);
            }
            logger.LogInformation("Pulled {ObjectType} for connection {Connection}: {Read} read, {Matched} matched, {Created} created, {Updated} updated",
                type.ObjectType, context.ConnectionId, state.Stats.Read, state.Stats.Matched, state.Stats.Created, state.Stats.Updated);
        }
        // Push in the same run must see the pulled values on the profiles.
        await processor.CatchUpAsync(context.DatasetId, cancellationToken);
    }

    private async Task<CrmReadRequest> BuildRequestAsync(PullTypeState state, CancellationToken cancellationToken)
    {
        var type = state.Type;
        var now = time.GetUtcNow();
        string? position;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            position = await SyncCursors.GetAsync(db, state.Context.ConnectionId, state.CursorName, cancellationToken);
        }
        var cursor = PullCursor.Parse(position);
        return new CrmReadRequest
        {
            ObjectType = type.ObjectType,
            Kind = type.Kind,
            Fields = Fields(state),
            ModstampFrom = cursor,
            OverlapFrom = cursor - Overlap,
            OwnUserId = state.Context.IntegrationUserId,
            CreatedAfter = type.CreatedWithinDays is { } created ? now.AddDays(-created) : null,
            ModifiedAfter = type.ModifiedWithinDays is { } modified ? now.AddDays(-modified) : null,
            IncludeDeleted = cursor is not null,
        };
    }

    /// <summary>Mapped and match fields, plus what matching and linking read: Email and Name (people), AccountId (contacts), Name (accounts).</summary>
    private static List<string> Fields(PullTypeState state)
    {
        var type = state.Type;
        var fields = new List<string>();
        fields.AddRange(type.Mappings.Select(m => m.Field));
        fields.AddRange(type.MatchFields.Select(m => m.CrmField));
        if (state.IsAccount)
        {
            fields.Add("Name");
        }
        else
        {
            fields.Add("Email");
            fields.Add("Name");
            if (type.Kind == CrmObjectKind.Contact)
            {
                fields.Add("AccountId");
            }
        }
        if (state.Pull.Mode == PullMode.CreateMissing)
        {
            fields.Add(state.IsAccount ? state.Pull.GroupIdField : state.Pull.UserIdField);
        }
        // Id is always read (CrmReadRequest.Fields says so); listing it again would repeat it in the SOQL.
        return fields.Where(f => !string.Equals(f, "Id", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
    }

    private static int Rank(CrmObjectKind kind) => kind switch
    {
        CrmObjectKind.Contact => 0,
        CrmObjectKind.Lead => 1,
        _ => 2,
    };
}
