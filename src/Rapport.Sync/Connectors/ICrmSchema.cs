using Rapport.Sync.Settings;

namespace Rapport.Sync.Connectors;

/// <summary>Describes objects and creates the custom fields push writes to.</summary>
public interface ICrmSchema
{
    /// <summary>The object's fields (cached per connector, so once per run).</summary>
    Task<CrmObjectInfo> DescribeAsync(string objectType, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the fields that do not exist yet and grants the integration user read and edit on
    /// them (field-level security). Throws <see cref="CrmException"/> with
    /// <see cref="CrmFailureKind.InsufficientAccess"/> when the user may not customize the org.
    /// </summary>
    Task EnsureFieldsAsync(string objectType, IReadOnlyList<CrmFieldSpec> fields, CancellationToken cancellationToken);
}
