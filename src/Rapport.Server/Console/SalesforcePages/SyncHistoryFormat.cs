using System.Globalization;
using Rapport.Data.Entities;
using Rapport.Server.Sync;
using Rapport.Sync.Runs;

namespace Rapport.Server.Console.SalesforcePages;

/// <summary>How the sync pages word and total a run: status badges, durations, record counts per type.</summary>
public static class SyncHistoryFormat
{
    /// <summary>The badge class for a run status: green for success, red for failure, amber otherwise.</summary>
    public static string Badge(SyncRunStatus status) => status switch
    {
        SyncRunStatus.Succeeded => "ok",
        SyncRunStatus.Failed => "error",
        _ => "warn",
    };

    /// <summary>"1 min 05 s", "12 s", or "running" while the run has not ended.</summary>
    public static string Duration(SyncRunResponse run)
    {
        if (run.EndedAt is not { } ended)
        {
            return "running";
        }
        var span = ended - run.StartedAt;
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }
        return span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds:00} s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
    }

    /// <summary>Records the run read from either side (pulled from Salesforce plus considered for push): the chart's first series.</summary>
    public static long Records(SyncRunResponse run) => run.Stats.Values.Sum(c => c.Read);

    /// <summary>"Contact (pull)" from the stored key "pull:Contact".</summary>
    public static string RecordType(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? key : $"{key[(colon + 1)..]} ({key[..colon]})";
    }

    /// <summary>What the first count means for a direction: records pulled from Salesforce, or profiles read for push.</summary>
    public static string ReadLabel(string key) => key.StartsWith("pull:", StringComparison.Ordinal) ? "pulled" : "read";

    /// <summary>The Salesforce record's page, when the instance and the record id are known.</summary>
    public static string? RecordLink(string? instanceUrl, string? recordId)
        => string.IsNullOrEmpty(instanceUrl) || string.IsNullOrEmpty(recordId) ? null : $"{instanceUrl.TrimEnd('/')}/{Uri.EscapeDataString(recordId)}";

    /// <summary>A count with thousands separators, the same in every culture.</summary>
    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The word for a trigger ("manual" → "Synchronize now").</summary>
    public static string Trigger(string trigger) => trigger switch
    {
        SyncTriggers.Manual => "Synchronize now",
        SyncTriggers.Initial => "Initial",
        SyncTriggers.Nightly => "Nightly",
        SyncTriggers.Interval => "Interval",
        _ => trigger,
    };

    /// <summary>The word shown for a run status (the same as the status line's).</summary>
    public static string Word(string status) => Enum.TryParse<SyncRunStatus>(status, out var parsed) ? SyncRunMapper.Word(parsed) : status;

    /// <summary>The badge class for a status as the API shapes carry it (a string).</summary>
    public static string Badge(string status) => Enum.TryParse<SyncRunStatus>(status, out var parsed) ? Badge(parsed) : "warn";
}
