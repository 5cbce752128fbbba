using Rapport.Sync.Matching;
using Rapport.Sync.Runs;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Pull;

/// <summary>What every page of one record type's pull shares.</summary>
internal sealed record PullTypeState(
    SyncContext Context,
    RecordTypeSettings Type,
    RecordTypeStats Stats,
    MatchOptions Options,
    IReadOnlyList<string> ContactTypes,
    string CursorName)
{
    public bool IsAccount => Type.Kind == CrmObjectKind.Account;

    public PullSettings Pull => Context.Settings.Pull;

    /// <summary>Match and Name/Email can be skipped entirely when only designated match fields count.</summary>
    public bool OnlyDesignated => Options.OnlyDesignatedMatchFields && Options.MatchFields.Count > 0;

    /// <summary>Profile attributes the designated match fields compare with.</summary>
    public IReadOnlyCollection<string> MatchAttributes { get; } = Type.MatchFields.Select(f => f.ProfileAttribute).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A record's field value; <c>Id</c> is the record id itself (it is always read, never listed as a field).</summary>
    public static string? Value(CrmRecord record, string field)
        => string.Equals(field, "Id", StringComparison.Ordinal) ? record.Id : record.Get(field);
}
