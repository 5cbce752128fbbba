namespace Rapport.Sync.Runs;

/// <summary>The order stages run in: pull before push (so pushed values see what was just pulled), activities last.</summary>
public static class SyncStageOrder
{
    private static readonly string[] Known = ["pull", "push", "activities"];

    public static IReadOnlyList<ISyncStage> Sort(IEnumerable<ISyncStage> stages) => stages
        .OrderBy(s => Rank(s.Name))
        .ThenBy(s => s.Name, StringComparer.Ordinal)
        .ToList();

    private static int Rank(string name)
    {
        var index = Array.FindIndex(Known, k => name.StartsWith(k, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? Known.Length : index;
    }
}
