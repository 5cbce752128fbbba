using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Events;
using Rapport.Data.Entities;
using Rapport.Sync.Activities;
using Rapport.Sync.Connectors;
using Rapport.Sync.Settings;
using Rapport.Sync.Tests.Support;

namespace Rapport.Sync.Tests.Activities;

public sealed class ActivityDispatcherTests : IAsyncLifetime
{
    private SyncTestDatabase _db = null!;
    private ActivityDispatcher _dispatcher = null!;
    private readonly FakeCrmConnector _connector = new();
    private FakeCrmActivityWriter _activities = null!;
    private readonly RecordingCrmWriter _writer = new();
    private readonly RecordingCrmSchema _schema = new();
    private SyncSettings _settings = new();

    public async ValueTask InitializeAsync()
    {
        _db = await SyncTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _dispatcher = new ActivityDispatcher(_db.Contexts, TimeProvider.System);
        _activities = new FakeCrmActivityWriter(_connector);
        _connector.Activities = _activities;
        _connector.Writer = _writer;
        _connector.Schema = _schema;
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private Task<ActivityDispatchResult> DispatchAsync()
        => _dispatcher.DispatchAsync(_db.ConnectionId, _db.DatasetId, _settings, _connector, TestContext.Current.CancellationToken);

    /// <summary>The first dispatch only places the cursor at the processor's checkpoint; tests start with that done.</summary>
    private async Task StartAsync() => await DispatchAsync();

    private async Task LinkAsync(string profileKey, string objectType, string recordId, CrmProfileKind kind = CrmProfileKind.User, string? convertedToId = null)
    {
        await using var db = await _db.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        db.CrmLinks.Add(new CrmLinkEntity
        {
            ConnectionId = _db.ConnectionId, ObjectType = objectType, RecordId = recordId, ProfileKind = kind, ProfileKey = profileKey,
            RecordCreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), LinkedAt = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc),
            ConvertedToId = convertedToId,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private async Task<string?> CursorAsync()
    {
        await using var db = await _db.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.SyncCursors.Where(c => c.ConnectionId == _db.ConnectionId && c.Name == ActivityDispatcher.CursorName)
            .Select(c => c.Position).SingleOrDefaultAsync(TestContext.Current.CancellationToken);
    }

    private LoggedEvent AnonymousTrack(string anonymousId, string name, object properties)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return new LoggedEvent
        {
            DatasetId = _db.DatasetId, MessageId = Guid.NewGuid().ToString("N"), Type = EventType.Track, AnonymousId = anonymousId, Name = name,
            TimestampMs = now, ReceivedAtMs = now,
            Payload = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type = "track", anonymousId, @event = name, properties })),
        };
    }

    [Fact]
    public async Task DispatchAsync_RuleEventOfLinkedContact_WritesOneActivityAboutContactAndAccount()
    {
        await _db.TrackAsync(_db.Identify("u1", new { email = "ada@example.com" }), _db.Group("u1", "acme", new { name = "Acme" }));
        await LinkAsync("u1", "Contact", "003000000000001");
        await LinkAsync("acme", "Account", "001000000000001", CrmProfileKind.Account);
        await StartAsync();

        await _db.TrackAsync(_db.Track("u1", "flow_completed", new { flowName = "Welcome tour" }));
        var result = await DispatchAsync();

        var (type, activity) = Assert.Single(_activities.Activities.Values);
        Assert.Equal(ActivityObject.Event, type);
        Assert.Equal("003000000000001", activity.WhoId);
        Assert.Equal("001000000000001", activity.WhatId);
        Assert.Equal("Flow Completed - Welcome tour", activity.Subject);
        Assert.Equal("User completed the flow titled “Welcome tour”.", activity.Description);
        Assert.Equal(1, result.Written);
    }

    [Fact]
    public async Task DispatchAsync_SameMessageIdSentTwice_WritesOneActivity()
    {
        await LinkAsync("u1", "Contact", "003000000000001");
        await StartAsync();
        var goal = _db.Track("u1", "goal_reached", new { goalName = "First report" });

        // A client retried after a timeout: the log holds the message twice, in separate appends.
        await _db.TrackAsync(goal);
        await _db.TrackAsync(goal with { ReceivedAtMs = goal.ReceivedAtMs + 1_000 });
        var result = await DispatchAsync();

        var (_, activity) = Assert.Single(_activities.Activities.Values);
        Assert.Equal("003000000000001", activity.WhoId);
        Assert.Equal(1, result.Written);
    }

    [Fact]
    public async Task DispatchAsync_ReplayAfterCrash_StillOneActivityPerEvent()
    {
        await LinkAsync("u1", "Contact", "003000000000001");
        await StartAsync();
        var start = await CursorAsync();
        await _db.TrackAsync(_db.Track("u1", "goal_reached", new { goalName = "First report" }), _db.Track("u1", "flow_completed", new { flowName = "Tour" }));
        await DispatchAsync();

        // A crash after the upserts but before the cursor was saved: the dispatcher replays from the old cursor.
        await using (var db = await _db.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var cursor = await db.SyncCursors.SingleAsync(c => c.ConnectionId == _db.ConnectionId && c.Name == ActivityDispatcher.CursorName, TestContext.Current.CancellationToken);
            cursor.Position = start!;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await DispatchAsync();

        Assert.Equal(2, _activities.Calls);
        Assert.Equal(2, _activities.Activities.Count);
        Assert.Equal(["Flow Completed - Tour", "Goal Reached - First report"], _activities.Activities.Values.Select(a => a.Activity.Subject).Order().ToArray());
    }

    [Fact]
    public async Task DispatchAsync_FirstDispatch_DoesNotReplayHistory()
    {
        await LinkAsync("u1", "Contact", "003000000000001");
        await _db.TrackAsync(_db.Track("u1", "flow_completed", new { flowName = "Old" }));

        await StartAsync();
        await _db.TrackAsync(_db.Track("u1", "flow_completed", new { flowName = "New" }));
        await DispatchAsync();

        Assert.Equal("Flow Completed - New", Assert.Single(_activities.Activities.Values).Activity.Subject);
    }

    [Fact]
    public async Task DispatchAsync_UnlinkedProfile_SkippedAndCounted()
    {
        await LinkAsync("u1", "Contact", "003000000000001", convertedToId: null);
        await StartAsync();

        await _db.TrackAsync(_db.Track("stranger", "flow_completed", new { flowName = "Tour" }));
        var result = await DispatchAsync();

        Assert.Empty(_activities.Activities);
        Assert.Equal(1, result.Unlinked);
        Assert.Equal(0, _activities.Calls);
    }

    [Fact]
    public async Task DispatchAsync_DisabledRuleAndOtherEvents_Skipped()
    {
        await LinkAsync("u1", "Contact", "003000000000001");
        _settings = new SyncSettings
        {
            Activities = new ActivitySettings
            {
                Rules = ActivityRule.Defaults.Select(r => r.Event == "goal_reached" ? r with { Enabled = false } : r).ToList(),
            },
        };
        await StartAsync();

        await _db.TrackAsync(_db.Track("u1", "goal_reached", new { goalName = "x" }), _db.Track("u1", "button_clicked", new { }),
            _db.Track("u1", "checklist_completed", new { checklistName = "Setup" }));
        await DispatchAsync();

        Assert.Equal("Checklist Fully Completed - Setup", Assert.Single(_activities.Activities.Values).Activity.Subject);
    }

    [Fact]
    public async Task DispatchAsync_EventsNotYetProcessed_WaitForTheProcessor()
    {
        await LinkAsync("u1", "Contact", "003000000000001");
        await StartAsync();

        await _db.EventLog.AppendAsync([_db.Track("u1", "flow_completed", new { flowName = "Tour" })], TestContext.Current.CancellationToken);
        await DispatchAsync();
        Assert.Empty(_activities.Activities);

        await _db.Processor.CatchUpAsync(_db.DatasetId, TestContext.Current.CancellationToken);
        await DispatchAsync();
        Assert.Single(_activities.Activities);
    }

    [Fact]
    public async Task DispatchAsync_NpsScore_UpdatesLinkedRecordFieldsOnce()
    {
        await LinkAsync("u1", "Lead", "00Q000000000001");
        await _db.TrackAsync(_db.Group("u1", "acme", new { name = "Acme" }));
        await LinkAsync("acme", "Account", "001000000000001", CrmProfileKind.Account);
        await StartAsync();

        await _db.TrackAsync(_db.Track("u1", "nps_score", new { score = 9 }), _db.Track("u1", "nps_feedback", new { feedback = "Great" }));
        await DispatchAsync();
        await _db.TrackAsync(_db.Track("u1", "nps_score", new { score = "10" }));
        var result = await DispatchAsync();

        var fields = _writer.Records[("Lead", "00Q000000000001")];
        Assert.Equal(10m, fields["Rapport_NPS_Score__c"]);
        Assert.Equal("Great", fields["Rapport_NPS_Feedback__c"]);
        var (objectType, specs) = Assert.Single(_schema.Ensured);
        Assert.Equal("Lead", objectType);
        Assert.Equal([CrmFieldType.Number, CrmFieldType.LongText], specs.Select(s => s.Type).ToArray());
        // A lead takes no WhatId, even with a linked account.
        Assert.All(_activities.Activities.Values, a => Assert.Null(a.Activity.WhatId));
        Assert.Equal(3, _activities.Activities.Count);
        Assert.Equal(1, result.NpsUpdated);
    }

    [Fact]
    public async Task DispatchAsync_NpsWithInfix_UsesInfixedFieldNames()
    {
        await LinkAsync("u1", "Contact", "003000000000001");
        _settings = new SyncSettings { Push = new PushSettings { Infix = "Web" } };
        await StartAsync();

        await _db.TrackAsync(_db.Track("u1", "nps_score", new { score = 7 }));
        await DispatchAsync();

        Assert.Equal(7m, _writer.Records[("Contact", "003000000000001")]["Rapport_Web_NPS_Score__c"]);
    }

    [Fact]
    public async Task DispatchAsync_RequestLimitExceeded_KeepsCursorAndSendsNextTime()
    {
        await LinkAsync("u1", "Contact", "003000000000001");
        await StartAsync();
        var start = await CursorAsync();
        await _db.TrackAsync(_db.Track("u1", "flow_completed", new { flowName = "Tour" }));
        _activities.Failure = new CrmException(CrmFailureKind.RequestLimitExceeded, "Daily API limit reached", "REQUEST_LIMIT_EXCEEDED");

        var failure = await Assert.ThrowsAsync<CrmException>(DispatchAsync);
        Assert.Equal(CrmFailureKind.RequestLimitExceeded, failure.Kind);
        Assert.Equal(start, await CursorAsync());

        _activities.Failure = null;
        await DispatchAsync();
        Assert.Equal("Flow Completed - Tour", Assert.Single(_activities.Activities.Values).Activity.Subject);
        Assert.NotEqual(start, await CursorAsync());
    }

    [Fact]
    public async Task DispatchAsync_RejectedActivity_RecordedAndNotRetried()
    {
        await LinkAsync("u1", "Contact", "003000000000001");
        await StartAsync();
        _activities.Reject = _ => new CrmError("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Subject is blocked", ["Subject"]);
        await _db.TrackAsync(_db.Track("u1", "flow_completed", new { flowName = "Tour" }));

        var result = await DispatchAsync();
        await DispatchAsync();

        Assert.Equal(1, result.Failed);
        Assert.Equal(1, _activities.Calls);
        await using var db = await _db.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var run = await db.SyncRuns.SingleAsync(r => r.Id == result.ErrorRunId, TestContext.Current.CancellationToken);
        Assert.Equal(("activity", SyncRunStatus.CompletedWithErrors, 1), (run.Trigger, run.Status, run.ErrorCount));
        var error = await db.SyncErrors.SingleAsync(e => e.RunId == run.Id, TestContext.Current.CancellationToken);
        Assert.Equal(("activity", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "u1"), (error.Stage, error.ErrorCode, error.ProfileKey));
    }

    [Fact]
    public async Task DispatchAsync_AnonymousVisitorLinkedByAnonymousKey_WritesActivity()
    {
        await LinkAsync("anon:a-42", "Lead", "00Q000000000042");
        await _db.TrackAsync(AnonymousTrack("a-42", "page_seen", new { }));
        await StartAsync();

        await _db.TrackAsync(AnonymousTrack("a-42", "goal_reached", new { goalName = "Pricing" }));
        await DispatchAsync();

        var activity = Assert.Single(_activities.Activities.Values).Activity;
        Assert.Equal(("00Q000000000042", "Goal Reached - Pricing"), (activity.WhoId, activity.Subject));
    }

    [Fact]
    public async Task DispatchAsync_ContactAndLeadLinked_PrefersContact()
    {
        await LinkAsync("u1", "Lead", "00Q000000000001");
        await LinkAsync("u1", "Contact", "003000000000001");
        await StartAsync();

        await _db.TrackAsync(_db.Track("u1", "goal_reached", new { goalName = "x" }));
        await DispatchAsync();

        Assert.Equal("003000000000001", Assert.Single(_activities.Activities.Values).Activity.WhoId);
    }

    [Fact]
    public async Task DispatchAsync_MoreThanOneBatch_SplitsUpsertsAt200()
    {
        await LinkAsync("u1", "Contact", "003000000000001");
        await StartAsync();

        await _db.TrackAsync(Enumerable.Range(0, 450).Select(i => _db.Track("u1", "goal_reached", new { goalName = "g" + i })).ToArray());
        var result = await DispatchAsync();

        Assert.Equal(450, _activities.Activities.Count);
        Assert.Equal(3, _activities.Calls);
        Assert.Equal(450, result.Written);
    }

    [Fact]
    public async Task HasPendingAsync_NewConnection_PlacesCursorThenReportsNewEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        await _db.TrackAsync(_db.Track("u1", "flow_completed", new { flowName = "Old" }));

        Assert.False(await _dispatcher.HasPendingAsync(_db.ConnectionId, _db.DatasetId, ct));
        Assert.NotNull(await CursorAsync());
        await _db.TrackAsync(_db.Track("u1", "flow_completed", new { flowName = "New" }));
        Assert.True(await _dispatcher.HasPendingAsync(_db.ConnectionId, _db.DatasetId, ct));
        await DispatchAsync();
        Assert.False(await _dispatcher.HasPendingAsync(_db.ConnectionId, _db.DatasetId, ct));
    }

    [Fact]
    public async Task DispatchAsync_RowLockedOnOneRecord_ThrowsTransientAndResendsNextTime()
    {
        await LinkAsync("u1", "Contact", "003000000000001");
        await StartAsync();
        var start = await CursorAsync();
        _activities.Reject = _ => new CrmError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record", []);
        await _db.TrackAsync(_db.Track("u1", "goal_reached", new { goalName = "Locked" }));

        var failure = await Assert.ThrowsAsync<CrmException>(DispatchAsync);
        Assert.Equal(CrmFailureKind.Transient, failure.Kind);
        Assert.Equal(start, await CursorAsync());

        _activities.Reject = _ => null;
        var result = await DispatchAsync();
        Assert.Equal((1, 0), (result.Written, result.Failed));
        Assert.Single(_activities.Activities);
    }

    [Fact]
    public async Task DispatchAsync_RuleWithBrokenTemplate_RecordsErrorAndSendsOtherRules()
    {
        await LinkAsync("u1", "Contact", "003000000000001");
        _settings = new SyncSettings
        {
            Activities = new ActivitySettings
            {
                Rules =
                [
                    new ActivityRule { Event = "goal_reached", Subject = "Broken {{ goal_name" },
                    new ActivityRule { Event = "goal_reached", Object = ActivityObject.Task, Subject = "Goal {{ goal_name }}" },
                ],
            },
        };
        await StartAsync();

        await _db.TrackAsync(_db.Track("u1", "goal_reached", new { goalName = "Won" }));
        var result = await DispatchAsync();

        var (type, activity) = Assert.Single(_activities.Activities.Values);
        Assert.Equal((ActivityObject.Task, "Goal Won"), (type, activity.Subject));
        Assert.EndsWith(":1", activity.ExternalId, StringComparison.Ordinal);
        Assert.Equal("INVALID_TEMPLATE", Assert.Single(result.Errors).ErrorCode);
    }
}
