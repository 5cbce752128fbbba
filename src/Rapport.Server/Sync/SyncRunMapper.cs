using System.Globalization;
using System.Text.Json;
using Rapport.Data.Entities;
using Rapport.Sync.Runs;

namespace Rapport.Server.Sync;

/// <summary>Run and error rows to their API shapes, and the one-line "Last synchronized" summary.</summary>
public static class SyncRunMapper
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SyncRunResponse ToResponse(SyncRunEntity run) => new(
        run.Id, run.Trigger, run.Status.ToString(), Utc(run.StartedAt), run.EndedAt is { } ended ? Utc(ended) : null,
        Parse<Dictionary<string, SyncRunCounts>>(run.Stats), Parse<Dictionary<string, long>>(run.ApiCalls), run.TotalApiCalls, run.ErrorCount, run.Message);

    public static SyncErrorResponse ToResponse(SyncErrorEntity error) => new(
        error.Stage, error.ObjectType, error.RecordId, error.ProfileKey, error.ErrorCode, error.Message, Parse<List<string>>(error.Fields), error.Count);

    /// <summary>"Last synchronized 2026-11-23 02:00 UTC: Success" (seed 000's status line), or that it never ran.</summary>
    public static string Summary(SyncRunEntity? lastFinished, SyncRunEntity? running)
    {
        var last = lastFinished is null
            ? "Never synchronized"
            : $"Last synchronized {Utc(lastFinished.EndedAt ?? lastFinished.StartedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: {Word(lastFinished.Status)}";
        return running is null ? last : $"{last}. Synchronizing now (run {running.Id}).";
    }

    public static string Word(SyncRunStatus status) => status switch
    {
        SyncRunStatus.Succeeded => "Success",
        SyncRunStatus.CompletedWithErrors => "Success with errors",
        SyncRunStatus.Failed => "Failed",
        SyncRunStatus.Stopped => "Stopped",
        SyncRunStatus.Interrupted => "Interrupted",
        _ => "Running",
    };

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static T Parse<T>(string json) where T : new()
    {
        try
        {
            return JsonSerializer.Deserialize<T>(string.IsNullOrWhiteSpace(json) ? "null" : json, Json) ?? new T();
        }
        catch (JsonException)
        {
            return new T();
        }
    }
}
