using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Rapport.Core.Profiles;
using Rapport.Data;
using Rapport.Sync.Connectors;
using Rapport.Sync.Matching;
using Rapport.Sync.Runs;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Push;

/// <summary>
/// Profiles → CRM (seed 000's Push tab): user attributes and KPIs to the linked contact (or lead),
/// account ones to the linked account record, into custom fields Rapport creates once. Only
/// profiles changed since the stage's cursor are read, and of those only fields that differ from
/// the change journal are sent, so a run with nothing changed makes no API call at all.
/// Seed 002's option creates leads for known, owned profiles that no record matches.
/// </summary>
public sealed class PushStage(IDbContextFactory<RapportDbContext> contexts, TimeProvider time, ILogger<PushStage> logger) : ISyncStage
{
    public string Name => "push";

    public async Task RunAsync(SyncContext context, CancellationToken cancellationToken)
    {
        var push = context.Settings.Push;
        var userPlan = PushFieldPlan.Create(push.UserFields, push.Infix);
        var accountPlan = PushFieldPlan.Create(push.AccountFields, push.Infix);
        var createLeads = push.CreateLeads.Enabled;
        if (userPlan.IsEmpty && accountPlan.IsEmpty && !createLeads)
        {
            return;
        }

        var today = await TodayAsync(context.DatasetId, cancellationToken);
        var pull = context.Settings.Pull;
        if (!userPlan.IsEmpty || createLeads)
        {
            var contactType = ObjectTypeOf(pull, CrmObjectKind.Contact, "Contact");
            var leadType = ObjectTypeOf(pull, CrmObjectKind.Lead, "Lead");
            var leadsPulled = pull.RecordTypes.Any(r => r.Kind == CrmObjectKind.Lead && r.Enabled);
            // Contacts take precedence over leads (seed 000); leads only matter when they are pulled or created.
            IReadOnlyList<string> targets = leadsPulled || createLeads ? [contactType, leadType] : [contactType];
            foreach (var target in targets)
            {
                await EnsureFieldsAsync(context, target, userPlan, cancellationToken);
            }
            var leads = createLeads ? new LeadFactory(push.CreateLeads, context.IntegrationUserId) : null;
            await new PushPass(contexts, time, context, new UserPushSource(), userPlan, targets, leadType, leads, today).RunAsync(cancellationToken);
        }
        if (!accountPlan.IsEmpty)
        {
            var accountType = ObjectTypeOf(pull, CrmObjectKind.Account, "Account");
            await EnsureFieldsAsync(context, accountType, accountPlan, cancellationToken);
            await new PushPass(contexts, time, context, new AccountPushSource(), accountPlan, [accountType], null, null, today).RunAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Creates the custom fields, but only when their specs changed since the last time they were
    /// created: describing and creating on every run would spend calls a no-change run must not.
    /// </summary>
    private async Task EnsureFieldsAsync(SyncContext context, string objectType, PushFieldPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Specs.Count == 0)
        {
            return;
        }
        var name = "push:fields:" + objectType;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await SyncCursors.GetAsync(db, context.ConnectionId, name, cancellationToken) == plan.SpecsHash)
        {
            return;
        }
        logger.LogInformation("Creating {Count} push fields on {ObjectType} for connection {ConnectionId}", plan.Specs.Count, objectType, context.ConnectionId);
        // A CrmException (INSUFFICIENT_ACCESS without Modify All Data / Customize Application) ends the run with its remedy.
        await context.Connector.Schema.EnsureFieldsAsync(objectType, plan.Specs, cancellationToken);
        await SyncCursors.SetAsync(db, context.ConnectionId, name, plan.SpecsHash, time.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The dataset-local day "days active in the last 30 days" counts back from.</summary>
    private async Task<int> TodayAsync(string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var timeZone = await db.Datasets.AsNoTracking().Where(d => d.Id == datasetId).Select(d => d.TimeZone).FirstOrDefaultAsync(cancellationToken);
        var settings = DatasetSettings.Default;
        try
        {
            settings = timeZone is null ? settings : new DatasetSettings(timeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            // A zone this machine does not know should not stop the push of everything else: count days in UTC.
            logger.LogWarning("Dataset {DatasetId} has an unknown time zone {TimeZone}; days active are counted in UTC", datasetId, timeZone);
        }
        return settings.LocalDay(time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private static string ObjectTypeOf(PullSettings pull, CrmObjectKind kind, string fallback)
        => pull.RecordTypes.Where(r => r.Kind == kind).OrderByDescending(r => r.Enabled).Select(r => r.ObjectType).FirstOrDefault() ?? fallback;
}
