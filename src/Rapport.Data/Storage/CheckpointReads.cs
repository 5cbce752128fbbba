using Microsoft.EntityFrameworkCore;

namespace Rapport.Data.Storage;

/// <summary>Reads of the processor's position, shared by everything that reads the log up to it.</summary>
public static class CheckpointReads
{
    /// <summary>The last sequence the processor applied to a dataset's profiles (0 before it started): one key lookup.</summary>
    public static async Task<long> ProcessedPositionAsync(this RapportDbContext db, string datasetId, CancellationToken cancellationToken)
        => await db.Checkpoints.AsNoTracking().Where(c => c.DatasetId == datasetId)
            .Select(c => (long?)c.Position).SingleOrDefaultAsync(cancellationToken) ?? 0;
}
